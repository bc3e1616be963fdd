import Foundation

/// Hands out the chunks of a stall query to worker connections and gives their results back
/// in chunk order, never more than `lookahead` chunks ahead of the reader, so memory stays
/// bounded however large the world.
final class AssessmentPipeline<T: Sendable>: @unchecked Sendable {
    /// What one chunk gave: its assessments folded in reference order, how many there were,
    /// and how many it withheld.
    struct Chunk: Sendable {
        var batch: T
        var count: Int
        var withheld: Int
    }

    private let condition = NSCondition()
    private let chunkCount: Int
    private let lookahead: Int
    private var claimed = 0
    private var taken = 0
    private var results: [Int: Chunk] = [:]
    private var failure: (any Error)?
    private var stopped = false

    init(chunkCount: Int, lookahead: Int) {
        self.chunkCount = chunkCount
        self.lookahead = lookahead
    }

    /// The next chunk for a worker to compute; nil when all are handed out or the run stopped.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && claimed < chunkCount && claimed - taken >= lookahead { condition.wait() }
        guard !stopped, claimed < chunkCount else { return nil }
        claimed += 1
        return claimed - 1
    }

    func deliver(_ index: Int, _ chunk: Chunk) {
        condition.lock()
        results[index] = chunk
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the run: the first failure is the one reported.
    func fail(_ error: any Error) {
        condition.lock()
        if failure == nil { failure = error }
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops handing out chunks (the reader gave up).
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for chunk `index`, or throws the failure that stopped the run.
    func take(_ index: Int) throws -> Chunk {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil && failure == nil { condition.wait() }
        if let failure { throw failure }
        taken += 1
        condition.broadcast()
        return results.removeValue(forKey: index)!
    }
}
