/// Where a template writes its own text, found by scanning its tags: what bounds a render.
///
/// Region 0 is written once each time the template is rendered; every other region is the body
/// of a `{{#section}}` and is written once per item the section repeats for. The text of
/// inverted sections and of sections on a list position (`{{#first()}}`) counts in the region
/// around them, as they write their body at most once there. Values are not counted here:
/// the render counts them as it writes them.
struct TemplateShape: Sendable {
    /// How deep sections and partials may nest, together: a render recurses once per level.
    static let maximumNesting = 64

    struct Region: Sendable {
        /// The last part of the section's name (`items` for `{{#request.items}}`), the name its
        /// value is found under at render time; `""` for a section whose value has no name of its
        /// own (`{{#.}}`, `{{#reversed(items)}}`); nil for the template's own region.
        var key: String?
        /// Bytes of text written by the region itself, tags left out.
        var text = 0
        /// The partials included in the region, in order.
        var includes: [Include] = []
    }

    struct Include: Sendable {
        let name: String
        /// Blanks before a partial tag alone on its line, which swift-mustache repeats on every line the partial writes.
        let indentation: Int
        /// How many sections enclose the tag.
        let depth: Int
    }

    var regions = [Region()]
    /// The most sections open at once.
    var deepestSection = 0

    /// The key a repeating section is charged under at render time, or nil when it does not
    /// repeat a looked-up value (`{{#first()}}`). `.` and transforms give `""`: any key.
    static func repeatingKey(_ name: String) -> String? {
        guard let open = name.lastIndex(of: "(") else {
            return name == "." ? "" : name.split(separator: ".").last.map(String.init) ?? ""
        }
        let inner = name[name.index(after: open)...].prefix { $0 != ")" }
        return inner.isEmpty ? nil : ""
    }
}
