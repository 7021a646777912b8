using AuditEngine.Intake.Ocr;

namespace AuditEngine.Tests.Ocr;

/// <summary>chi_sim's angle brackets for printed round ones, as measured on langfang's scans.</summary>
public sealed class BracketRepairTests
{
    [Theory]
    [InlineData("资金支出计划〈%)", "资金支出计划（%)")]
    [InlineData("开展宣传活动《医保政策、法律法规等)", "开展宣传活动（医保政策、法律法规等)")]
    [InlineData("2、车辆〈(台、辆)", "2、车辆(台、辆)")]
    [InlineData("根据《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》", "根据《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》")]
    [InlineData("《意见》(试行)", "《意见》(试行)")]
    [InlineData("〈未闭合", "〈未闭合")]
    public void An_angle_bracket_closed_by_a_round_one_was_round(string read, string expected) =>
        Assert.Equal(expected, Tesseract.MatchBrackets(read));
}
