extension String {
    /// The text with zeros before it up to `width` characters: `"7".leftPadded(to: 4)` is `"0007"`.
    package func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
