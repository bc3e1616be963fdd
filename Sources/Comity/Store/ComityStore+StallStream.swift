import Foundation
import GRDB

/// Runs a large stall query on several connections at once, over one snapshot of the store.
///
/// The open requests of a scope are cut into chunks by reference; each worker connection
/// assesses whole chunks (query, engine and `transform`), and the results come back to the
/// caller in reference order, so the output is the same as one connection's, only sooner.
extension ComityStore {
    /// Requests per chunk: large enough that a chunk's queries outweigh their setup, small
    /// enough that the chunks held in flight stay a few megabytes.
    static let stallChunkSize = 2048

    /// Streams `transform` of every assessment in scope to `body`, in reference order, and
    /// returns how many the scope withholds for its clearance. `body` runs on the calling thread.
    func streamAssessments<T: Sendable>(
        _ scope: StallScope, chunkSize: Int = stallChunkSize, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        transform: @escaping @Sendable (Assessment) throws -> T, body: (T) throws -> Void
    ) throws(ComityError) -> Int {
        try streamAssessmentBatches(
            scope, chunkSize: chunkSize, workers: workers, batch: { [T]() }, add: { $0.append(try transform($1)) },
            body: { items in for item in items { try body(item) } })
    }

    /// Folds the assessments in scope into batches with `add`, each batch a run of consecutive
    /// references, and hands the batches to `body` in reference order; returns how many the
    /// scope withholds for its clearance. `add` may run on other threads, alongside the
    /// queries; `body` runs on this one and never sees an empty batch.
    func streamAssessmentBatches<B: Sendable>(
        _ scope: StallScope, chunkSize: Int = stallChunkSize, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        batch makeBatch: @escaping @Sendable () -> B, add: @escaping @Sendable (inout B, Assessment) throws -> Void,
        body: (B) throws -> Void
    ) throws(ComityError) -> Int {
        let workers = min(max(workers, 1), 4)
        let bounds = workers > 1 ? try read { db in try Self.chunkBounds(db, scope, size: chunkSize, workers: workers) } : []
        if bounds.isEmpty {
            return try read { db in
                let context = try StallContext(db, asOf: scope.asOf, recordedBy: scope.recordedBy)
                var batch = makeBatch()
                var count = 0
                try Self.forEachAssessment(db, scope, context: context) { assessment in
                    try add(&batch, assessment)
                    count += 1
                    guard count == chunkSize else { return }
                    try body(batch)
                    batch = makeBatch()
                    count = 0
                }
                if count > 0 { try body(batch) }
                return try Self.withheldCount(db, scope, context: context)
            }
        }
        let chunks = (0...bounds.count).map { i in
            (from: i == 0 ? nil : bounds[i - 1], below: i == bounds.count ? nil : bounds[i])
        }
        let pipeline = AssessmentPipeline<B>(chunkCount: chunks.count, lookahead: 2 * workers)
        let group = DispatchGroup()
        do {
            try startWorkers(min(workers, chunks.count), asOf: scope.asOf, recordedBy: scope.recordedBy, pipeline: pipeline, group: group) { db, context, index in
                var chunkScope = scope
                chunkScope.referencesFrom = chunks[index].from
                chunkScope.referencesBelow = chunks[index].below
                var batch = makeBatch()
                var count = 0
                try Self.forEachAssessment(db, chunkScope, context: context) { assessment in
                    try add(&batch, assessment)
                    count += 1
                }
                return .init(batch: batch, count: count, withheld: try Self.withheldCount(db, chunkScope, context: context))
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_BUSY {
            // A store this account may only read, or one another clerk is writing to, cannot be
            // locked for the moment the workers need: one connection reads it all, as readers do.
            return try streamAssessmentBatches(scope, chunkSize: chunkSize, workers: 1, batch: makeBatch, add: add, body: body)
        } catch {
            throw map(error)
        }
        defer {
            pipeline.stop()
            group.wait()
        }
        var withheld = 0
        do {
            for index in chunks.indices {
                let chunk = try pipeline.take(index)
                if chunk.count > 0 { try body(chunk.batch) }
                withheld += chunk.withheld
            }
        } catch {
            throw map(error)
        }
        return withheld
    }

    /// The lower bounds of all chunks but the first: chunks of `size` references while there is
    /// much left, then smaller ones, down to an eighth, so the connections finish together
    /// instead of one waiting on the last large chunk. Empty when the scope fits in one chunk.
    /// Only a partition: it need not come from the snapshot the workers read, since the chunks
    /// cover every reference whatever it holds.
    private static func chunkBounds(_ db: Database, _ scope: StallScope, size: Int, workers: Int) throws -> [String] {
        let (candidates, arguments) = try candidateQuery(db, scope, view: nil)
        let references = try String.fetchAll(db.cachedStatement(sql: candidates), arguments: arguments)
        var bounds: [String] = []
        var next = 0
        while true {
            next += min(size, max(max(1, size / 8), (references.count - next) / (4 * workers)))
            guard next < references.count else { return bounds }
            bounds.append(references[next])
        }
    }

    /// Starts `count` workers, each on its own read-only connection, all reading the same
    /// snapshot: they begin their read transactions while this connection holds the write
    /// lock, so no other program can commit in between.
    private func startWorkers<T>(
        _ count: Int, asOf: CalendarDate, recordedBy: CalendarDate?, pipeline: AssessmentPipeline<T>, group: DispatchGroup,
        work: @escaping @Sendable (Database, StallContext, Int) throws -> AssessmentPipeline<T>.Chunk
    ) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        let readers = try (0..<count).map { _ in try DatabaseQueue(path: path, configuration: config) }
        try queue.writeWithoutTransaction { db in
            // A report never waits long on a writer: a busy store is read on one connection instead.
            try db.execute(sql: "PRAGMA busy_timeout = 200")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(busyTimeout * 1000))") }
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            let started = DispatchSemaphore(value: 0)
            for reader in readers {
                group.enter()
                // A thread of its own: the global dispatch queues run no more blocks at once
                // than there are cores, and a worker holds its block for the whole query.
                Thread.detachNewThread {
                    defer { group.leave() }
                    let signal = Once { started.signal() }
                    do {
                        try reader.read { db in
                            // The first read fixes the transaction's snapshot.
                            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
                            signal.run()
                            let context = try StallContext(db, asOf: asOf, recordedBy: recordedBy)
                            while let index = pipeline.claim() {
                                pipeline.deliver(index, try work(db, context, index))
                            }
                        }
                    } catch {
                        pipeline.fail(error)
                    }
                    signal.run()
                }
            }
            for _ in readers { started.wait() }
        }
    }
}

/// Runs an action at most once.
private final class Once: @unchecked Sendable {
    private var action: (() -> Void)?
    private let lock = NSLock()
    init(_ action: @escaping () -> Void) { self.action = action }
    func run() {
        lock.lock()
        let action = self.action
        self.action = nil
        lock.unlock()
        action?()
    }
}
