namespace AuditEngine.Rules.Language;

/// <summary>Syntax tree of a rule expression. Every node keeps the offset of the token that names it.</summary>
internal abstract record Node(int Position);

internal sealed record LiteralNode(int Position, object? Value) : Node(Position);

internal sealed record IdentifierNode(int Position, string Name) : Node(Position);

/// <summary><c>target.Name</c>; Position is that of <c>Name</c>.</summary>
internal sealed record MemberNode(int Position, Node Target, string Name) : Node(Position);

/// <summary><c>target.Name(args)</c>, or a free function <c>Name(args)</c> when Target is null.</summary>
internal sealed record CallNode(int Position, Node? Target, string Name, IReadOnlyList<Node> Arguments) : Node(Position);

/// <summary><c>x =&gt; body</c>; only valid as an argument of a collection method.</summary>
internal sealed record LambdaNode(int Position, string Parameter, Node Body) : Node(Position);

internal sealed record UnaryNode(int Position, TokenKind Operator, Node Operand) : Node(Position);

internal sealed record BinaryNode(int Position, TokenKind Operator, Node Left, Node Right) : Node(Position);

internal sealed record ConditionalNode(int Position, Node Test, Node IfTrue, Node IfFalse) : Node(Position);
