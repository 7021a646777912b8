using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AuditEngine.Storage;

namespace AuditEngine.Service.Tests.Api;

/// <summary>
/// A host with small upload limits (2 MiB a file, 4 MiB a batch) so that the limits can be crossed cheaply; login
/// throttling keeps its defaults (5 failures per name, 20 per address).
/// </summary>
public sealed class SecurityHostFixture : IDisposable
{
    public ServiceHost Host { get; } = new(Backend.Sqlite, settings: new Dictionary<string, string?>
    {
        ["AuditEngine:Limits:MaxFileBytes"] = (2 * 1024 * 1024).ToString(),
        ["AuditEngine:Limits:MaxBatchBytes"] = (4 * 1024 * 1024).ToString(),
    });

    public void Dispose() => Host.Dispose();
}

/// <summary>
/// Issue 18 through the real Program: login throttling, revocation of sessions and keys, disabled users, security
/// headers, and the upload edge cases (nested ZIPs that look like PDFs, bombs, oversized requests, text encodings).
/// Every test uses its own users and its own client address, so the throttle of one test never reaches another.
/// </summary>
public sealed class SecurityTests(SecurityHostFixture fixture) : IClassFixture<SecurityHostFixture>
{
    private const string Password = "安全-Passw0rd";
    private ServiceHost Host => fixture.Host;

    private HttpClient Client(string address, bool cookies = true, string baseAddress = "http://localhost")
    {
        var client = Host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            HandleCookies = cookies, BaseAddress = new Uri(baseAddress),
        });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        return client;
    }

    private static string NewAddress() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    private static Task<HttpResponseMessage> Login(HttpClient client, string user, string password) =>
        client.PostAsJsonAsync("/api/login", new { userName = user, password });

    private static async Task<string> Error(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"];
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", error);
        return error!;
    }

    // ---- 1. throttling, equal answers for unknown users, a log line per failure ----

    [Fact]
    public async Task After_five_wrong_passwords_a_name_gets_429_with_Retry_After_even_with_the_right_password()
    {
        var org = Host.CreateOrganisation("thr" + Guid.NewGuid().ToString("N")[..6], Password);
        var name = org.Reviewer.UserName;
        using var client = Client(NewAddress());
        for (var i = 0; i < 5; i++)
        {
            var wrong = await Login(client, name, $"guess-{i}-secret");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("用户名或密码错误", await Error(wrong));
        }
        var locked = await Login(client, name, Password);
        Assert.Equal((HttpStatusCode)429, locked.StatusCode);
        Assert.Contains("登录失败次数过多", await Error(locked));
        Assert.True(locked.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After: {locked.Headers.RetryAfter}");
        Assert.DoesNotContain(locked.Headers, h => h.Key == "Set-Cookie");

        // Another name from another address is not held up by this one.
        using var other = Client(NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await Login(other, org.Uploader.UserName, Password)).StatusCode);

        // One warning per failure, naming the user and never the password.
        var lines = Host.Log.Lines.Where(l => l.Contains("登录失败") && l.Contains(name)).ToList();
        Assert.Equal(5, lines.Count);
        Assert.DoesNotContain(Host.Log.Lines, l => l.Contains("-secret") || l.Contains(Password));
        Assert.Contains(Host.Log.Lines, l => l.Contains("登录被限流") && l.Contains(name));
    }

    [Fact]
    public async Task An_unknown_name_is_answered_as_a_wrong_password_and_throttled_alike()
    {
        var org = Host.CreateOrganisation("unk" + Guid.NewGuid().ToString("N")[..6], Password);
        using var client = Client(NewAddress());
        var known = await Login(client, org.Reviewer.UserName, "not-the-password");
        var unknown = await Login(client, "nobody-" + Guid.NewGuid().ToString("N")[..8], "not-the-password");
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());

        var ghost = "ghost-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await Login(client, ghost, "x")).StatusCode);
        Assert.Equal((HttpStatusCode)429, (await Login(client, ghost, "x")).StatusCode);
        Assert.Contains(Host.Log.Lines, l => l.Contains("登录失败") && l.Contains(ghost) && l.Contains("unknown user"));
    }

    [Fact]
    public async Task An_address_trying_many_names_is_throttled_and_other_addresses_are_not()
    {
        var org = Host.CreateOrganisation("adr" + Guid.NewGuid().ToString("N")[..6], Password);
        var address = NewAddress();
        using var client = Client(address);
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Login(client, $"spray-{i}-{Guid.NewGuid():N}", "123456")).StatusCode);
        // A real user with the right password, from the spraying address: held up; from elsewhere: let in.
        var held = await Login(client, org.Admin.UserName, Password);
        Assert.Equal((HttpStatusCode)429, held.StatusCode);
        Assert.NotNull(held.Headers.RetryAfter);
        using var elsewhere = Client(NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await Login(elsewhere, org.Admin.UserName, Password)).StatusCode);
    }

    // ---- 2. revocation: logout, password change, disabled users, revoked and expired keys ----

    [Fact]
    public async Task After_logout_a_copied_cookie_is_refused()
    {
        var org = Host.CreateOrganisation("out" + Guid.NewGuid().ToString("N")[..6], Password);
        using var client = Client(NewAddress(), cookies: false);
        var login = await Login(client, org.Reviewer.UserName, Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("auditengine=")).Split(';')[0];

        using var copy = Client(NewAddress(), cookies: false);
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/me")).StatusCode);

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/logout");
        logout.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(logout)).StatusCode);

        var replayed = await copy.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        await Error(replayed);
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_keeps_the_changing_one_and_an_admin_reset_ends_all()
    {
        var org = Host.CreateOrganisation("pwd" + Guid.NewGuid().ToString("N")[..6], Password);
        var name = org.Uploader.UserName;
        using var first = Client(NewAddress());
        using var second = Client(NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await Login(first, name, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Login(second, name, Password)).StatusCode);

        var wrong = await first.PostAsJsonAsync("/api/me/password", new { currentPassword = "wrong", newPassword = "新密码-2026-abc" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("当前密码错误", await Error(wrong));
        var tooShort = await first.PostAsJsonAsync("/api/me/password", new { currentPassword = Password, newPassword = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/me")).StatusCode);

        const string newPassword = "新密码-2026-abc";
        var changed = await first.PostAsJsonAsync("/api/me/password", new { currentPassword = Password, newPassword });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/me")).StatusCode);
        using var third = Client(NewAddress());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login(third, name, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Login(third, name, newPassword)).StatusCode);

        // `auditengine admin user password` goes through the same store call: every session ends, this one too.
        Host.Store.Identity.SetPassword(org.Uploader.Id, PasswordHasher.Hash("重设后的密码-xyz"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await third.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_user_loses_its_cookie_and_keys_at_once_and_gets_them_back_when_enabled()
    {
        var org = Host.CreateOrganisation("dis" + Guid.NewGuid().ToString("N")[..6], Password);
        using var admin = Client(NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await Login(admin, org.Admin.UserName, Password)).StatusCode);
        using var session = Client(NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await Login(session, org.Uploader.UserName, Password)).StatusCode);
        var key = Host.CreateApiKey(org.Uploader);
        using var script = Host.WithApiKey(key);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/batches")).StatusCode);

        var disabled = await admin.PostAsync($"/api/users/{org.Uploader.UserName}/disable", null);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((bool)JsonNode.Parse(await disabled.Content.ReadAsStringAsync())!["disabled"]!);

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/batches")).StatusCode);
        var byKey = await script.GetAsync("/api/batches");
        Assert.Equal(HttpStatusCode.Unauthorized, byKey.StatusCode);
        await Error(byKey);
        using var again = Client(NewAddress());
        var refused = await Login(again, org.Uploader.UserName, Password);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("已停用", await Error(refused));
        var listed = (await admin.GetJsonAsync("/api/users")).AsArray().Single(u => (string?)u!["userName"] == org.Uploader.UserName)!;
        Assert.True((bool)listed["disabled"]!);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{org.Uploader.UserName}/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/batches")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Login(again, org.Uploader.UserName, Password)).StatusCode);
        // The old session stays ended: enabling gives a new stamp, not the old one back.
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/batches")).StatusCode);
    }

    [Fact]
    public async Task Revoked_and_expired_keys_stop_working_and_admins_see_their_states()
    {
        var org = Host.CreateOrganisation("key" + Guid.NewGuid().ToString("N")[..6], Password);
        using var admin = Client(NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await Login(admin, org.Admin.UserName, Password)).StatusCode);
        var key = Host.CreateApiKey(org.Uploader);
        var expired = PasswordHasher.NewApiKey();
        Host.Store.Identity.CreateApiKey(org.Uploader.Id, "old", PasswordHasher.HashApiKey(expired), DateTimeOffset.UtcNow.AddMinutes(-1));
        var later = PasswordHasher.NewApiKey();
        Host.Store.Identity.CreateApiKey(org.Uploader.Id, "later", PasswordHasher.HashApiKey(later), DateTimeOffset.UtcNow.AddDays(30));

        using var script = Host.WithApiKey(key);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.WithApiKey(expired).GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Host.WithApiKey(later).GetAsync("/api/me")).StatusCode);

        var keys = (await admin.GetJsonAsync("/api/keys")).AsArray().Select(k => k!).ToList();
        Assert.Equal(["active", "expired", "active"], keys.Select(k => (string)k["state"]!));
        Assert.DoesNotContain(key, keys.Select(k => k.ToJsonString()).Aggregate((a, b) => a + b));
        var id = (long)keys[0]["id"]!;

        // An admin of another organisation does not see the key.
        var stranger = Host.CreateOrganisation("kst" + Guid.NewGuid().ToString("N")[..6], Password);
        using var strangerAdmin = Client(NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await Login(strangerAdmin, stranger.Admin.UserName, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerAdmin.PostAsync($"/api/keys/{id}/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/me")).StatusCode);

        var revoked = await admin.PostAsync($"/api/keys/{id}/revoke", null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("revoked", (string?)JsonNode.Parse(await revoked.Content.ReadAsStringAsync())!["state"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Only_admins_manage_accounts_of_their_own_organisation_and_not_themselves()
    {
        var org = Host.CreateOrganisation("acl" + Guid.NewGuid().ToString("N")[..6], Password);
        var other = Host.CreateOrganisation("acx" + Guid.NewGuid().ToString("N")[..6], Password);
        using var reviewer = Client(NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await Login(reviewer, org.Reviewer.UserName, Password)).StatusCode);
        foreach (var (method, url) in new[] { ("GET", "/api/users"), ("GET", "/api/keys"), ("POST", $"/api/users/{org.Uploader.UserName}/disable") })
        {
            var response = await reviewer.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            await Error(response);
        }
        using var admin = Client(NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await Login(admin, org.Admin.UserName, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/users/{other.Uploader.UserName}/disable", null)).StatusCode);
        Assert.False(Host.Store.Identity.FindUser(other.Uploader.UserName)!.Disabled);
        var self = await admin.PostAsync($"/api/users/{org.Admin.UserName}/disable", null);
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        await Error(self);
        Assert.Equal(
            [org.Admin.UserName, org.Uploader.UserName, org.Reviewer.UserName],
            (await admin.GetJsonAsync("/api/users")).AsArray().Select(u => (string)u!["userName"]!));
    }

    // ---- 3. headers and cookies ----

    [Fact]
    public async Task Answers_carry_a_policy_without_inline_script_nosniff_no_framing_and_no_referrer()
    {
        using var client = Client(NewAddress());
        foreach (var url in new[] { "/", "/app.js", "/api/health", "/api/batches" })
        {
            var response = await client.GetAsync(url);
            var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }
        // The dashboard holds no inline script the policy would block.
        var index = await client.GetStringAsync("/");
        Assert.All(Regex.Matches(index, "<script[^>]*>", RegexOptions.IgnoreCase), m => Assert.Contains("src=", m.Value));
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", index);
    }

    [Fact]
    public async Task The_login_cookie_is_HttpOnly_SameSite_Strict_and_Secure_only_over_https()
    {
        var org = Host.CreateOrganisation("ck" + Guid.NewGuid().ToString("N")[..6], Password);
        string Cookie(HttpResponseMessage r) => r.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("auditengine=")).ToLowerInvariant();

        using var http = Client(NewAddress(), cookies: false);
        var plain = Cookie(await Login(http, org.Reviewer.UserName, Password));
        Assert.Contains("httponly", plain);
        Assert.Contains("samesite=strict", plain);
        Assert.DoesNotContain("secure", plain);

        using var https = Client(NewAddress(), cookies: false, baseAddress: "https://localhost");
        var secure = Cookie(await Login(https, org.Reviewer.UserName, Password));
        Assert.Contains("secure", secure);
        Assert.Contains("httponly", secure);
        Assert.Contains("samesite=strict", secure);
    }

    [Fact]
    public async Task The_html_report_is_served_with_a_policy_allowing_exactly_its_own_style_and_script()
    {
        using var admin = await Host.AdminAsync();
        var batch = await admin.UploadBatchAsync(("xushui-2022.txt", File.ReadAllBytes(TestPaths.Seed("xushui-2022.txt"))));
        var id = (long)batch["id"]!;
        await admin.WaitForBatchAsync(id);
        var response = await admin.GetAsync($"/api/batches/{id}/report.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", csp);
        var html = await response.Content.ReadAsStringAsync();
        string Hash(string content) => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content))) + "'";
        var script = Regex.Match(html, "<script>(.*?)</script>", RegexOptions.Singleline);
        var style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline);
        Assert.True(script.Success && style.Success);
        Assert.Contains("script-src " + Hash(script.Groups[1].Value), csp);
        Assert.Contains("style-src " + Hash(style.Groups[1].Value), csp);
        Assert.Single(Regex.Matches(html, "<script"));
    }

    // ---- 4. uploads ----

    private static byte[] Zip(params (string Name, byte[] Content, CompressionLevel Level)[] entries)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content, level) in entries)
            {
                using var stream = zip.CreateEntry(name, level).Open();
                stream.Write(content);
            }
        return buffer.ToArray();
    }

    [Fact]
    public async Task An_eleven_level_zip_with_a_pdf_header_in_its_first_KiB_is_a_zip_and_stops_at_the_depth_limit()
    {
        // Stored entries with short names: every level's first KiB holds the innermost "%PDF-" header.
        var nested = Zip(("a.pdf", "%PDF-1.4\n%%EOF\n"u8.ToArray(), CompressionLevel.NoCompression));
        for (var level = 10; level >= 1; level--) nested = Zip(($"{level}.zip", nested, CompressionLevel.NoCompression));
        Assert.True(nested.AsSpan(0, Math.Min(nested.Length, 1024)).IndexOf("%PDF-"u8) >= 0);

        using var admin = await Host.AdminAsync();
        var response = await admin.UploadAsync(null, ("nested.zip", nested));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("全部被拒收", (string?)body["error"]);
        var refused = Assert.Single(body["refused"]!.AsArray())!;
        // MaxZipDepth 1: nested.zip/1.zip is opened, the ZIP inside it is not.
        Assert.Equal("nested.zip/1.zip/2.zip", (string?)refused["name"]);
        Assert.Contains("嵌套过深", (string?)refused["reason"]);
    }

    [Fact]
    public async Task A_bomb_is_refused_as_a_bomb_with_its_ratio_even_when_it_is_also_over_the_file_limit()
    {
        // 300 MiB of zeros compress about 1000:1: over the 2 MiB file limit and the 100:1 ratio; a bomb, not a big file.
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("budget.txt", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 300; i++) entry.Write(zeros);
        }
        using var admin = await Host.AdminAsync();
        var response = await admin.UploadAsync(null, ("bomb.zip", zip.ToArray()), ("xushui-2022.txt", File.ReadAllBytes(TestPaths.Seed("xushui-2022.txt"))));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var refused = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["refused"]!.AsArray())!;
        Assert.Equal("bomb.zip/budget.txt", (string?)refused["name"]);
        var reason = (string)refused["reason"]!;
        Assert.Contains("压缩炸弹", reason);
        Assert.DoesNotContain("文件过大", reason);
        var ratio = int.Parse(Regex.Match(reason, @"压缩比 (?:至少 at least )?(\d+):1").Groups[1].Value);
        Assert.InRange(ratio, 200, 1100);
    }

    [Fact]
    public async Task A_request_over_the_batch_limit_gets_413_with_a_json_error_with_or_without_a_length()
    {
        using var admin = await Host.AdminAsync();
        var big = new byte[21 * 1024 * 1024]; // over 4 MiB + 16 MiB of multipart allowance
        var withLength = await admin.UploadAsync(null, ("big.txt", big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withLength.StatusCode);
        Assert.Contains("上传内容过大", await Error(withLength));

        using var form = new MultipartFormDataContent { { new ByteArrayContent(big), "files", "big.txt" } };
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/batches") { Content = new StreamContent(await form.ReadAsStreamAsync()) };
        chunked.Content.Headers.ContentType = form.Headers.ContentType;
        chunked.Headers.TransferEncodingChunked = true;
        var withoutLength = await admin.SendAsync(chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withoutLength.StatusCode);
        Assert.Contains("上传内容过大", await Error(withoutLength));
    }

    [Fact]
    public async Task Every_refusal_carries_a_json_error_in_chinese()
    {
        var org = Host.CreateOrganisation("err" + Guid.NewGuid().ToString("N")[..6], Password);
        using var anonymous = Client(NewAddress());
        using var uploader = Client(NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await Login(uploader, org.Uploader.UserName, Password)).StatusCode);
        using var badKey = Host.WithApiKey(PasswordHasher.NewApiKey());
        var cases = new (HttpClient Client, HttpMethod Method, string Url, HttpStatusCode Status)[]
        {
            (anonymous, HttpMethod.Get, "/api/batches", HttpStatusCode.Unauthorized),
            (badKey, HttpMethod.Get, "/api/batches", HttpStatusCode.Unauthorized),
            (uploader, HttpMethod.Post, "/api/sweeps/reaudit", HttpStatusCode.Forbidden),
            (uploader, HttpMethod.Get, "/api/no-such-route", HttpStatusCode.NotFound),
            (uploader, HttpMethod.Get, "/api/batches/999999999", HttpStatusCode.NotFound),
            // No DELETE route: the API's fallback answers it (404, with its reason).
            (uploader, HttpMethod.Delete, "/api/batches", HttpStatusCode.NotFound),
            (uploader, HttpMethod.Post, "/api/batches", HttpStatusCode.BadRequest),
        };
        foreach (var (client, method, url, status) in cases)
        {
            var response = await client.SendAsync(new HttpRequestMessage(method, url));
            Assert.True(response.StatusCode == status, $"{method} {url}: {(int)response.StatusCode}");
            await Error(response);
        }
    }

    [Fact]
    public async Task Text_in_utf16_with_or_without_bom_utf8_with_bom_gb18030_and_big5_is_decoded_and_audited()
    {
        var text = File.ReadAllText(TestPaths.Seed("xushui-2022.txt"));
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var big5 = Encoding.GetEncoding(950);
        const string traditional = "某縣財政局2024年部門預算公開\n一、部門收支總表\n收入總計\t1,234.56\n支出總計\t1,234.56\n說明：本表為部門收支總表，單位為萬元。\n";
        var files = new (string Name, byte[] Content)[]
        {
            ("utf16le-bom.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]),
            ("utf16be-bom.txt", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)]),
            ("utf16le.txt", Encoding.Unicode.GetBytes(text)),
            ("utf16be.txt", Encoding.BigEndianUnicode.GetBytes(text)),
            ("utf8-bom.txt", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]),
            ("gb18030.txt", Encoding.GetEncoding(54936).GetBytes(text)),
            ("big5.txt", big5.GetBytes(traditional)),
            ("utf8.txt", Encoding.UTF8.GetBytes(text)),
        };
        using var admin = await Host.AdminAsync();
        var batch = await admin.WaitForBatchAsync((long)(await admin.UploadBatchAsync(files))["id"]!);
        var documents = batch.Items("documents").ToDictionary(d => (string)d["fileName"]!);
        foreach (var (name, _) in files)
            Assert.True((string?)documents[name]["status"] == "done", $"{name}: {documents[name].ToJsonString()}");
        // Every encoding of the seed reads as the UTF-8 original does.
        var reference = documents["utf8.txt"];
        foreach (var name in files.Select(f => f.Name).Where(n => n.StartsWith("utf") || n.StartsWith("gb")))
        {
            Assert.Equal((string?)reference["department"], (string?)documents[name]["department"]);
            Assert.Equal((int)reference["errors"]! + (int)reference["warnings"]! + (int)reference["infos"]!,
                (int)documents[name]["errors"]! + (int)documents[name]["warnings"]! + (int)documents[name]["infos"]!);
        }
        Assert.NotNull((string?)reference["department"]);
        var layout = await admin.GetStringAsync($"/api/documents/{(long)documents["big5.txt"]["id"]!}/layout");
        Assert.Contains("部門收支總表", layout);
        Assert.Contains("說明", layout);
    }
}
