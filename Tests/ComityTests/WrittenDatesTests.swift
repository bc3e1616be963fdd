import Foundation
import Testing
@testable import ComityCore

/// A phrase book writes each date once and keeps it: the same text every time, from any thread.
@Suite("written dates")
struct WrittenDatesTests {
    @Test("a date asked for again is the text written the first time, and nothing is written twice")
    func kept() throws {
        let dates = WrittenDates(limit: 100)
        var written = 0
        let day = try CalendarDate(iso: "2011-09-30")
        #expect(dates.text(of: day) { written += 1; return "30 September 2011" } == "30 September 2011")
        #expect(dates.text(of: day) { written += 1; return "wrong" } == "30 September 2011")
        #expect(written == 1)
    }

    @Test("past its limit the store starts again, so it never holds more than the limit")
    func bounded() throws {
        let dates = WrittenDates(limit: 3)
        let start = try CalendarDate(iso: "2011-01-01")
        var written = 0
        for offset in 0..<5 { _ = dates.text(of: start.adding(days: offset)) { written += 1; return "\(offset)" } }
        #expect(written == 5)
        // The fourth date emptied the store: the first is written again, the fifth is still there.
        #expect(dates.text(of: start) { written += 1; return "again" } == "again")
        #expect(dates.text(of: start.adding(days: 4)) { written += 1; return "not again" } == "4")
        #expect(written == 6)
    }

    @Test("dates written by a phrase book on many threads at once are each the text of one thread alone")
    func threads() throws {
        let phrases = try PhrasebookTests.phrases("ja")
        let start = try CalendarDate(iso: "1988-12-20")
        let days = (0..<600).map { start.adding(days: $0 * 7) }
        // Each thread asks in its own order; every answer must be the one a fresh phrase book gives.
        let fresh = try PhrasebookTests.phrases("ja")
        let expected = days.map { fresh.date($0) }
        let answers = Answers(count: 8)
        DispatchQueue.concurrentPerform(iterations: 8) { lane in
            let order = lane % 2 == 0 ? Array(days.indices) : days.indices.reversed()
            var mine = [String](repeating: "", count: days.count)
            for index in order { mine[index] = phrases.date(days[index]) }
            answers.set(lane, mine)
        }
        for lane in 0..<8 { #expect(answers.get(lane) == expected, "thread \(lane)") }
        #expect(Set(expected).count == days.count)
        #expect(expected[2] == "昭和64年1月3日" && expected[3] == "平成元年1月10日")
    }

    private final class Answers: @unchecked Sendable {
        private let lock = NSLock()
        private var lanes: [[String]]
        init(count: Int) { lanes = Array(repeating: [], count: count) }
        func set(_ lane: Int, _ answers: [String]) { lock.lock(); lanes[lane] = answers; lock.unlock() }
        func get(_ lane: Int) -> [String] { lock.lock(); defer { lock.unlock() }; return lanes[lane] }
    }
}
