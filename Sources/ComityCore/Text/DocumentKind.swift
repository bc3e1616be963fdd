/// The rendered document formats.
public enum DocumentKind: String, Sendable, CaseIterable {
    case xml, html

    var output: OutputKind { self == .xml ? .xml : .html }
}
