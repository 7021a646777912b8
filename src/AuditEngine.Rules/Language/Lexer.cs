using System.Globalization;
using System.Text;

namespace AuditEngine.Rules.Language;

/// <summary>
/// Hand-written lexer for the rule expression language. Numbers become decimals at lex time so the parser
/// never sees a double: budget figures must not pick up binary rounding error.
/// </summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length) { tokens.Add(new Token(TokenKind.End, text.Length, "")); return tokens; }

            var c = text[i];
            var start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                if (i < text.Length && text[i] == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                }
                var s = text[start..i];
                if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
                    throw new RuleSyntaxException(start, $"无法识别的数字 '{s}'");
                if (i < text.Length && (char.IsLetter(text[i]) || text[i] == '_'))
                    throw new RuleSyntaxException(i, $"数字后面不能直接跟字母 '{text[i]}'");
                tokens.Add(new Token(TokenKind.Number, start, s, d));
                continue;
            }
            if (c is '\'' or '"')
            {
                tokens.Add(ReadString(text, ref i));
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new Token(TokenKind.Identifier, start, text[start..i]));
                continue;
            }

            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            (TokenKind kind, int len) = (c, next) switch
            {
                ('?', '?') => (TokenKind.Coalesce, 2),
                ('|', '|') => (TokenKind.OrOr, 2),
                ('&', '&') => (TokenKind.AndAnd, 2),
                ('=', '=') => (TokenKind.EqEq, 2),
                ('=', '>') => (TokenKind.Arrow, 2),
                ('!', '=') => (TokenKind.NotEq, 2),
                ('<', '=') => (TokenKind.LessEq, 2),
                ('>', '=') => (TokenKind.GreaterEq, 2),
                ('(', _) => (TokenKind.LParen, 1),
                (')', _) => (TokenKind.RParen, 1),
                (',', _) => (TokenKind.Comma, 1),
                ('.', _) => (TokenKind.Dot, 1),
                ('?', _) => (TokenKind.Question, 1),
                (':', _) => (TokenKind.Colon, 1),
                ('<', _) => (TokenKind.Less, 1),
                ('>', _) => (TokenKind.Greater, 1),
                ('+', _) => (TokenKind.Plus, 1),
                ('-', _) => (TokenKind.Minus, 1),
                ('*', _) => (TokenKind.Star, 1),
                ('/', _) => (TokenKind.Slash, 1),
                ('%', _) => (TokenKind.Percent, 1),
                ('!', _) => (TokenKind.Bang, 1),
                _ => (TokenKind.End, 0),
            };
            if (len == 0)
            {
                var hint = c switch
                {
                    '=' => "（比较请用 ==）",
                    '&' => "（并且请用 &&）",
                    '|' => "（或者请用 ||）",
                    '[' or ']' => "（不支持下标，请用 FirstOrDefault / Skip）",
                    '（' or '）' or '，' or '‘' or '’' or '“' or '”' => "（请用半角符号）",
                    _ => "",
                };
                throw new RuleSyntaxException(i, $"无法识别的字符 '{c}'{hint}");
            }
            tokens.Add(new Token(kind, start, text.Substring(start, len)));
            i += len;
        }
    }

    private static Token ReadString(string text, ref int i)
    {
        var start = i;
        var quote = text[i++];
        var sb = new StringBuilder();
        while (true)
        {
            if (i >= text.Length) throw new RuleSyntaxException(start, "字符串没有结束引号");
            var c = text[i++];
            if (c == quote) break;
            if (c == '\\')
            {
                if (i >= text.Length) throw new RuleSyntaxException(start, "字符串没有结束引号");
                var e = text[i++];
                sb.Append(e switch
                {
                    '\'' or '"' or '\\' => e,
                    'n' => '\n',
                    't' => '\t',
                    _ => throw new RuleSyntaxException(i - 2, $"不支持的转义 '\\{e}'（只支持 \\' \\\" \\\\ \\n \\t）"),
                });
                continue;
            }
            sb.Append(c);
        }
        return new Token(TokenKind.String, start, text[start..i], sb.ToString());
    }
}
