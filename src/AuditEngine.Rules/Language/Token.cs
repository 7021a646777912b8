namespace AuditEngine.Rules.Language;

internal enum TokenKind
{
    End,
    Number,
    String,
    Identifier,
    LParen, RParen, Comma, Dot,
    Question, Colon, Coalesce,
    OrOr, AndAnd,
    EqEq, NotEq, Less, LessEq, Greater, GreaterEq,
    Plus, Minus, Star, Slash, Percent,
    Bang, Arrow,
}

/// <summary>One token with its 0-based offset in the expression text, so errors can point at it.</summary>
internal readonly record struct Token(TokenKind Kind, int Position, string Text, object? Value = null)
{
    public override string ToString() => Kind == TokenKind.End ? "表达式结尾" : $"'{Text}'";
}
