using System.Collections.Frozen;

namespace AuditEngine.Recognition;

/// <summary>
/// Traditional characters of budget texts mapped to Simplified, so a disclosure printed (or OCR'd) in Traditional
/// script is read with the same words: 預算→预算, 決算→决算, 財政撥款→财政拨款, 萬元→万元, 億元→亿元, 增長→增长,
/// 減少→减少, 說明→说明. Only characters that are not themselves Simplified are mapped, so Simplified text is never
/// changed.
/// </summary>
public static class TraditionalChinese
{
    // Pairs of (Traditional, Simplified), one character each; grouped loosely by the words they occur in.
    private const string Pairs =
        "預预決决財财撥拨經经費费萬万億亿增增長长減减說说單单機机關关運运採采購购資资產产" +
        "覽览總总計计結结轉转餘余養养險险醫医療疗衛卫傷伤專专項项類类務务將将業业與与進进" +
        "這这個个為为幣币額额數数據据發发補补貼贴職职員员險险區区縣县鄉乡鎮镇辦办處处" +
        "務务國国際际車车輛辆購购維维護护費费會会議议訓训當当歲岁實实際际較较變变動动據据" +
        "標标準准績绩效效評评價价級级規规劃划設设計计審审核核報报對对應应況况償偿債债務务" +
        "從从來来時时間间後后書书記记錄录據据條条規规權权環环衛卫綠绿稅税收收貨货幣币" +
        "雜杂費费郵邮電电燈灯熱热氣气暖暖郵邮辦办訊讯網网絡络擴扩獎奖勵励險险療疗儲储備备" +
        "農农貧贫濟济災灾損损壞坏區区廳厅屬属團团體体組组織织黨党委委協协歸归劃划撥拨" +
        "優优質质檢检測测調调査查註注釋释錢钱價价買买賣卖舊旧創创產产銷销讓让認认識识" +
        "義义務务離离退退休休陳陈現现狀状況况週周轉转則则個个們们並并無无於于沒没從从" +
        // Seen in 新疆 and 重庆 disclosures printed in Traditional script: 經營, 機構, 名詞解釋, 重慶, 運輸, 公開.
        "兒儿園园門门營营構构詞词慶庆輸输開开內内參参廣广學学紀纪軍军館馆圖图藥药驗验隊队鐵铁陸陆種种銀银" +
        "張张廠厂東东簡简節节範范礎础舉举齡龄傳传顯显點点寫写師师導导證证齊齐邊边遠远適适選选" +
        "違违壓压獨独嚴严層层擔担換换勞劳勢势華华錯错問问閉闭隨随雖虽雙双難难靜静頁页順顺須须" +
        "領领頭头題题風风驗验訂订討讨託托許许訪访詳详試试話话該该語语誤误課课請请論论講讲識识" +
        "讀读責责貴贵貸贷賓宾贈赠載载輔辅輕轻輪轮辭辞鋼钢閱阅陣阵隱隐靈灵響响頒颁頻频顧顾驅驱";

    private static readonly FrozenDictionary<char, char> Map = Build();

    private static FrozenDictionary<char, char> Build()
    {
        var map = new Dictionary<char, char>();
        for (var i = 0; i + 1 < Pairs.Length; i += 2)
            if (Pairs[i] != Pairs[i + 1]) map[Pairs[i]] = Pairs[i + 1];
        return map.ToFrozenDictionary();
    }

    /// <summary>True when this table maps the character.</summary>
    public static bool IsMapped(char c) => Map.ContainsKey(c);

    /// <summary>True when the text holds any character this table maps.</summary>
    public static bool HasTraditional(string s)
    {
        foreach (var c in s) if (Map.ContainsKey(c)) return true;
        return false;
    }

    /// <summary>The text with every mapped Traditional character replaced by its Simplified form.</summary>
    public static string ToSimplified(string s)
    {
        if (string.IsNullOrEmpty(s) || !HasTraditional(s)) return s;
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (Map.TryGetValue(chars[i], out var simple)) chars[i] = simple;
        return new string(chars);
    }
}
