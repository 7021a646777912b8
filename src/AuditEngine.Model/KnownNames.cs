using System.Reflection;

namespace AuditEngine.Model;

/// <summary>
/// Marks a string parameter of a model method whose literal argument in a rule must be one of the public string
/// constants of <see cref="Keys"/> (<see cref="ColumnKeys"/>, <see cref="FigureKeys"/>): the rule loader rejects a
/// misspelt column or figure key, which would otherwise read 0 or "absent" on every document.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class KnownNamesAttribute(Type keys) : Attribute
{
    public Type Keys { get; } = keys;

    /// <summary>What the names are, for messages: 列名, 情况说明数字.</summary>
    public string What => Keys == typeof(FigureKeys) ? "情况说明数字" : "列名";

    public IReadOnlySet<string> Names => KnownNames.Of(Keys);
}

public static class KnownNames
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlySet<string>> Cache = new();

    /// <summary>The values of the public string constants of a keys class, in declaration order.</summary>
    public static IReadOnlySet<string> Of(Type keys) => Cache.GetOrAdd(keys, t => t
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal));
}

/// <summary>
/// Every canonical column name recognition gives table cells (ColumnNames maps printed headers onto these; the 三公
/// reader uses 预算数 / 上年预算数 / 决算数 …) and so every column a rule may name. A new column is added here first.
/// </summary>
public static class ColumnKeys
{
    public const string 合计 = "合计";
    public const string 小计 = "小计";
    public const string 上年结转 = "上年结转";
    public const string 上年预算数 = "上年预算数";
    public const string 增减 = "增减";
    public const string 原因 = "原因";
    public const string 基本支出 = "基本支出";
    public const string 项目支出 = "项目支出";
    public const string 人员经费 = "人员经费";
    public const string 公用经费 = "公用经费";
    public const string 一般公共预算 = "一般公共预算";
    public const string 政府性基金 = "政府性基金";
    public const string 国有资本经营 = "国有资本经营";
    public const string 财政拨款 = "财政拨款";
    public const string 财政专户 = "财政专户";
    public const string 事业收入 = "事业收入";
    public const string 经营收入 = "经营收入";
    public const string 上级补助收入 = "上级补助收入";
    public const string 附属单位上缴收入 = "附属单位上缴收入";
    public const string 其他收入 = "其他收入";
    public const string 经营支出 = "经营支出";
    public const string 上解上级支出 = "上解上级支出";
    public const string 对附属单位补助支出 = "对附属单位补助支出";
    public const string 工资福利支出 = "工资福利支出";
    public const string 对个人和家庭的补助 = "对个人和家庭的补助";
    public const string 商品和服务支出 = "商品和服务支出";
    public const string 资本性支出 = "资本性支出";
    public const string 其他运转类 = "其他运转类";
    public const string 特定目标类 = "特定目标类";
    /// <summary>The 三公 table's year figure (and a profile's AmountColumn for a 预算).</summary>
    public const string 预算数 = "预算数";
    /// <summary>A 决算's year figure (a profile's AmountColumn for a 决算).</summary>
    public const string 决算数 = "决算数";
    public const string 年初预算数 = "年初预算数";
    public const string 全年预算数 = "全年预算数";

    public static IReadOnlySet<string> All() => KnownNames.Of(typeof(ColumnKeys));
}
