import Foundation

/// Hands batches of work from a thread of its own (reading and checking a file's records) to
/// the caller's thread (writing them in the import's transaction), a few batches ahead at most,
/// so an import uses two cores in the memory of a few thousand records.
final class ImportPipeline<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[Item]] = []
    /// Batches the consumer is done with, freed on the producer's thread, which has time to
    /// spare, rather than on the consumer's, which sets the pace of an import.
    private var spent: [[Item]] = []
    private var finished = false
    private var failure: (any Error)?
    private var stopped = false
    private var joined = false
    private let capacity: Int
    private let ended = DispatchSemaphore(value: 0)

    /// The consumer stopped taking batches; the producer ends with this.
    struct Stopped: Error {}

    /// Starts `produce` on its own thread: it hands batches over with `send` and ends by
    /// returning or throwing, which `next` passes on once the batches before are taken.
    init(capacity: Int = 64, produce: @escaping @Sendable (ImportPipeline<Item>) throws -> Void) {
        self.capacity = capacity
        Thread.detachNewThread { [self] in
            var error: (any Error)?
            do { try produce(self) } catch let thrown { error = thrown }
            condition.lock()
            finished = true
            failure = error
            condition.broadcast()
            condition.unlock()
            ended.signal()
        }
    }

    /// Hands a batch over, waiting while the consumer is `capacity` batches behind; throws
    /// `Stopped` once the consumer has stopped.
    func send(_ batch: [Item]) throws {
        condition.lock()
        while queue.count >= capacity && !stopped { condition.wait() }
        if stopped {
            condition.unlock()
            throw Stopped()
        }
        queue.append(batch)
        var done: [[Item]] = []
        swap(&done, &spent)
        condition.broadcast()
        condition.unlock()
        // `done` is freed here, on this thread, outside the lock.
    }

    /// Hands back a batch the consumer has finished with, to be freed on the producer's thread.
    func retire(_ batch: [Item]) {
        condition.lock()
        if !finished { spent.append(batch) }
        condition.unlock()
    }

    /// The next batch, nil once the producer has returned, or what it threw.
    func next() throws -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        if !queue.isEmpty {
            condition.broadcast()
            return queue.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the producer if it is still running and waits until it has ended: nothing it holds
    /// (an open file) is used after this returns.
    func stop() {
        condition.lock()
        stopped = true
        let wait = !joined
        joined = true
        condition.broadcast()
        condition.unlock()
        if wait { ended.wait() }
    }
}
