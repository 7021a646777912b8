using System.Xml.Linq;
using AuditEngine.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AuditEngine.Service.Access;

/// <summary>
/// Keeps the keys that protect login cookies in the store instead of the user's home folder: they survive a new
/// container, and every node of a cluster reads the same keys, so a cookie from one node is valid on all.
/// </summary>
public sealed class StoredProtectionKeys(IIdentityStore identityStore) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        identityStore.ListProtectionKeys().Select(x => XElement.Parse(x)).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        identityStore.AddProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
