using System.Text.RegularExpressions;

namespace AuditEngine.Intake;

/// <summary>
/// Web pages converted from PDFs by tools that print a character's pinyin after it, in brackets with tone marks
/// (湛江: “經(jīng)費(fèi)”, “事業(yè)單位”): read as they stand, every word so annotated is broken, and with it every figure, name
/// and heading it is part of. The annotations are taken out before the text is read.
/// </summary>
public static partial class TextLayoutReader
{
    /// <summary>Annotations with a tone mark a text must hold before any is taken for a converter's.</summary>
    private const int MinToneMarkedAnnotations = 3;

    /// <summary>
    /// The text without the pinyin a converter printed after its characters; unchanged unless it holds at least
    /// <see cref="MinToneMarkedAnnotations"/> bracketed syllables with a tone mark, each right after a Chinese character.
    /// Then every bracketed syllable after a Chinese character goes (neutral-tone ones carry no mark: “的(de)”), but not
    /// a bracket without a vowel (“公里(km)”), nor capitals (“(PDF)”).
    /// </summary>
    internal static string WithoutConverterPinyin(string text)
    {
        var marked = 0;
        foreach (Match m in PinyinAnnotation().Matches(text))
            if (ToneMark().IsMatch(m.Groups["py"].Value) && ++marked >= MinToneMarkedAnnotations) break;
        if (marked < MinToneMarkedAnnotations) return text;
        return PinyinAnnotation().Replace(text, m => Vowel().IsMatch(m.Groups["py"].Value) ? "" : m.Value);
    }

    [GeneratedRegex(@"(?<=[\u4E00-\u9FFF])[(（](?<py>[a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{1,6})[)）]")]
    private static partial Regex PinyinAnnotation();

    [GeneratedRegex("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]")]
    private static partial Regex ToneMark();

    [GeneratedRegex("[aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]|^(?:ng|m|n|ń|ň|ǹ|ḿ)$")]
    private static partial Regex Vowel();
}
