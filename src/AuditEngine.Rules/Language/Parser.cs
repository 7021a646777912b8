namespace AuditEngine.Rules.Language;

/// <summary>
/// Recursive-descent parser with C# operator precedence:
/// ?: (right) → ?? (right) → || → &amp;&amp; → == != → &lt; &lt;= &gt; &gt;= → + - → * / % → unary ! - → postfix . and calls.
/// </summary>
internal sealed class Parser
{
    /// <summary>
    /// Limits that keep the recursive parser, binder and expression compiler far from the stack's end: a stack
    /// overflow cannot be caught and would take the whole service down with it.
    /// </summary>
    public const int MaxTokens = 1000;
    public const int MaxNesting = 64;

    private readonly List<Token> tokens;
    private int index;
    private int nesting;

    private Parser(List<Token> tokens) => this.tokens = tokens;

    public static Node Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new RuleSyntaxException(0, "表达式为空");
        var tokens = Lexer.Tokenize(text);
        if (tokens.Count > MaxTokens)
            throw new RuleSyntaxException(tokens[MaxTokens].Position, $"表达式太长（超过 {MaxTokens} 个记号），请拆成几个 LocalParams");
        var parser = new Parser(tokens);
        var node = parser.ParseExpression();
        if (parser.Current.Kind != TokenKind.End)
            throw new RuleSyntaxException(parser.Current.Position, $"多余的 {parser.Current}");
        return node;
    }

    private Token Current => tokens[index];
    private Token Peek(int ahead) => tokens[Math.Min(index + ahead, tokens.Count - 1)];
    private Token Advance() => tokens[index++];

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind) throw new RuleSyntaxException(Current.Position, $"此处需要 {what}，却是 {Current}");
        return Advance();
    }

    private Node ParseExpression()
    {
        if (++nesting > MaxNesting)
            throw new RuleSyntaxException(Current.Position, $"表达式嵌套太深（超过 {MaxNesting} 层）");
        try
        {
            return ParseExpressionCore();
        }
        finally
        {
            nesting--;
        }
    }

    private Node ParseExpressionCore()
    {
        // A lambda may only appear as a call argument, but it is parsed everywhere so the binder can say so clearly.
        if (Current.Kind == TokenKind.Identifier && Peek(1).Kind == TokenKind.Arrow)
        {
            var p = Advance();
            Advance();
            return new LambdaNode(p.Position, p.Text, ParseExpression());
        }
        if (Current.Kind == TokenKind.LParen && Peek(1).Kind == TokenKind.Identifier && Peek(2).Kind == TokenKind.RParen
            && Peek(3).Kind == TokenKind.Arrow)
        {
            Advance();
            var p = Advance();
            Advance();
            Advance();
            return new LambdaNode(p.Position, p.Text, ParseExpression());
        }
        return ParseConditional();
    }

    private Node ParseConditional()
    {
        var test = ParseCoalesce();
        if (Current.Kind != TokenKind.Question) return test;
        var q = Advance();
        var ifTrue = ParseExpression();
        Expect(TokenKind.Colon, "':'（条件表达式 a ? b : c）");
        var ifFalse = ParseExpression();
        return new ConditionalNode(q.Position, test, ifTrue, ifFalse);
    }

    private Node ParseCoalesce()
    {
        var left = ParseBinary(0);
        if (Current.Kind != TokenKind.Coalesce) return left;
        var op = Advance();
        return new BinaryNode(op.Position, TokenKind.Coalesce, left, ParseCoalesce());
    }

    private static readonly TokenKind[][] Levels =
    [
        [TokenKind.OrOr],
        [TokenKind.AndAnd],
        [TokenKind.EqEq, TokenKind.NotEq],
        [TokenKind.Less, TokenKind.LessEq, TokenKind.Greater, TokenKind.GreaterEq],
        [TokenKind.Plus, TokenKind.Minus],
        [TokenKind.Star, TokenKind.Slash, TokenKind.Percent],
    ];

    /// <summary>Left-associative binary levels, lowest precedence first.</summary>
    private Node ParseBinary(int level)
    {
        if (level == Levels.Length) return ParseUnary();
        var left = ParseBinary(level + 1);
        while (Array.IndexOf(Levels[level], Current.Kind) >= 0)
        {
            var op = Advance();
            var right = ParseBinary(level + 1);
            left = new BinaryNode(op.Position, op.Kind, left, right);
        }
        return left;
    }

    private Node ParseUnary()
    {
        if (Current.Kind is TokenKind.Bang or TokenKind.Minus)
        {
            var op = Advance();
            if (++nesting > MaxNesting) throw new RuleSyntaxException(op.Position, $"表达式嵌套太深（超过 {MaxNesting} 层）");
            try
            {
                return new UnaryNode(op.Position, op.Kind, ParseUnary());
            }
            finally
            {
                nesting--;
            }
        }
        return ParsePostfix();
    }

    private Node ParsePostfix()
    {
        var node = ParsePrimary();
        while (Current.Kind == TokenKind.Dot)
        {
            Advance();
            var name = Expect(TokenKind.Identifier, "成员名");
            node = Current.Kind == TokenKind.LParen
                ? new CallNode(name.Position, node, name.Text, ParseArguments())
                : new MemberNode(name.Position, node, name.Text);
        }
        if (Current.Kind == TokenKind.LParen)
            throw new RuleSyntaxException(Current.Position, "不能调用这个值（只能调用成员方法或内置函数）");
        return node;
    }

    private List<Node> ParseArguments()
    {
        Expect(TokenKind.LParen, "'('");
        var args = new List<Node>();
        if (Current.Kind == TokenKind.RParen) { Advance(); return args; }
        while (true)
        {
            args.Add(ParseExpression());
            if (Current.Kind == TokenKind.Comma) { Advance(); continue; }
            Expect(TokenKind.RParen, "',' 或 ')'");
            return args;
        }
    }

    private Node ParsePrimary()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.Number:
            case TokenKind.String:
                Advance();
                return new LiteralNode(t.Position, t.Value);
            case TokenKind.Identifier:
                Advance();
                switch (t.Text)
                {
                    case "true": return new LiteralNode(t.Position, true);
                    case "false": return new LiteralNode(t.Position, false);
                    case "null": return new LiteralNode(t.Position, null);
                }
                return Current.Kind == TokenKind.LParen
                    ? new CallNode(t.Position, null, t.Text, ParseArguments())
                    : new IdentifierNode(t.Position, t.Text);
            case TokenKind.LParen:
                Advance();
                var inner = ParseExpression();
                Expect(TokenKind.RParen, "')'");
                return inner;
            default:
                throw new RuleSyntaxException(t.Position, t.Kind == TokenKind.End ? "表达式不完整" : $"此处不能出现 {t}");
        }
    }
}
