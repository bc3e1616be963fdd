/// Draws a one-line progress bar for long imports and exports: the caller writes it to a terminal.
///
///     var meter = ProgressMeter(label: "importing", total: 10_000)
///     if let line = meter.update(4_500) { write(line) }   // "\rimporting [#########-----------]  45% 4500/10000"
public struct ProgressMeter: Sendable {
    public let label: String
    public let total: Int
    public let width: Int
    private var lastPercent = -1

    public init(label: String, total: Int, width: Int = 30) {
        self.label = label
        self.total = max(total, 0)
        self.width = width
    }

    /// The line to draw for `done` items, or nil when it would look the same as the last one.
    public mutating func update(_ done: Int) -> String? {
        let clamped = min(max(done, 0), total)
        let percent = total == 0 ? 100 : clamped * 100 / total
        guard percent != lastPercent else { return nil }
        lastPercent = percent
        let filled = width * percent / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let padded = String(repeating: " ", count: max(0, 3 - String(percent).count)) + String(percent)
        return "\r\(label) [\(bar)] \(padded)% \(clamped)/\(total)"
    }

    /// Clears the line once the work is done.
    public var finish: String { "\r" + String(repeating: " ", count: label.count + width + 30) + "\r" }
}
