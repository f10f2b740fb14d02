/// Box and status glyphs, with an ASCII set for terminals whose locale is not UTF-8.
public struct Glyphs: Sendable, Hashable {
    public var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: String
    public var ellipsis: String
    public var dot: String
    public var pointer: String
    public var separator: String
    public var warning: String
    public var unicode: Bool

    public static let unicode = Glyphs(topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯", horizontal: "─", vertical: "│",
                                       ellipsis: "…", dot: "●", pointer: "▶", separator: "·", warning: "!", unicode: true)
    public static let ascii = Glyphs(topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|",
                                     ellipsis: "...", dot: "*", pointer: ">", separator: "-", warning: "!", unicode: false)
}
