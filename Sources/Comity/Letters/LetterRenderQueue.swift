import Dispatch
import Foundation

/// Renders a batch's letters on the other cores while the store goes on composing the next
/// ones, then on every core once the last is composed.
///
/// Composing is the one part of a batch that cannot be shared out (it reads the store on one
/// connection), so it keeps a core of its own: while letters are being submitted, one
/// renderer fewer than there are cores takes them in turn; `finish` then renders what is left
/// on this thread too. A renderer per core from the start would leave composing a share of a
/// core, and the renderers waiting on it.
///
/// Letters come back in the order they were submitted, exactly as rendering them one by one
/// would give them; when any fails, the batch fails with the error of the first letter in that
/// order, as it would one by one, and only after every render under way has finished.
/// Every queue must end with `finish` or `abandon`, which release its renderers.
final class LetterRenderQueue: @unchecked Sendable {
    /// Called on a rendering thread with each letter and its place in the batch, e.g. to write its file.
    typealias Delivery = @Sendable (_ letter: Letter, _ index: Int) throws -> Void

    /// A reference, so the queue moves pointers as it grows, never whole composers.
    private final class Job {
        let index: Int
        let composer: LetterComposer
        let spec: LetterSpec
        let number: String?

        init(index: Int, composer: LetterComposer, spec: LetterSpec, number: String?) {
            self.index = index
            self.composer = composer
            self.spec = spec
            self.number = number
        }
    }

    private let renderer: DocumentRenderer
    private let deliver: Delivery?
    /// Whether previews get their SHA-256; issued letters always do.
    private let digests: Bool
    private let group = DispatchGroup()
    private let condition = NSCondition()
    /// Letters waiting to be rendered, in batch order, from `next` on.
    private var waiting: [Job] = []
    private var next = 0
    /// No more letters will come.
    private var closed = false
    private var letters: [Letter?] = []
    private var failure: (index: Int, error: any Error)?

    /// - Parameter renderers: threads that render while letters are submitted (one fewer than the cores, at least one).
    init(renderer: DocumentRenderer, deliver: Delivery?, digests: Bool = true, renderers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)) {
        self.renderer = renderer
        self.deliver = deliver
        self.digests = digests
        for _ in 0..<max(1, renderers) {
            DispatchQueue.global(qos: .userInitiated).async(group: group) { [self] in renderWaiting() }
        }
    }

    /// Queues a letter for rendering; `number` is its register number, nil for a preview.
    func submit(_ composer: LetterComposer, _ spec: LetterSpec, number: String?) {
        condition.lock()
        waiting.append(Job(index: letters.count, composer: composer, spec: spec, number: number))
        letters.append(nil)
        condition.signal()
        condition.unlock()
    }

    /// Renders what is left on this thread too, waits for every letter; returns them in order,
    /// or throws the first failure in that order.
    func finish() throws -> [Letter] {
        close()
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure.error }
        return letters.map { $0! }
    }

    /// Waits for every letter when composing the next one failed, so no render outlives the batch.
    /// Returns the error of a letter that failed to render: it comes first in the batch's order.
    func abandon() -> (any Error)? {
        close()
        condition.lock()
        defer { condition.unlock() }
        return failure?.error
    }

    /// No more letters: renders the rest here alongside the renderers, and waits for them.
    private func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        renderWaiting()
        group.wait()
    }

    /// Renders letters as they come until the queue is closed and none is left.
    private func renderWaiting() {
        while let job = take() {
            // A letter after one that failed is not needed: the batch fails anyway.
            guard !failed(before: job.index) else { continue }
            do {
                let letter = try ComityStore.render(job.composer, job.spec, number: job.number, renderer: renderer, digest: digests || job.number != nil)
                try deliver?(letter, job.index)
                // A preview delivered is kept without its document; one being issued keeps it for the register.
                var kept = letter
                if deliver != nil && job.number == nil { kept.document = "" }
                condition.lock()
                letters[job.index] = kept
                condition.unlock()
            } catch {
                fail(job.index, error)
            }
        }
    }

    /// The next letter to render, waiting for one; nil once the queue is closed and empty.
    private func take() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while next == waiting.count && !closed { condition.wait() }
        guard next < waiting.count else { return nil }
        let job = waiting[next]
        next += 1
        // Letters taken are dropped now and then, so a large batch does not keep every composer.
        if next >= 1024 && 2 * next >= waiting.count {
            waiting.removeFirst(next)
            next = 0
        }
        return job
    }

    private func failed(before index: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return failure.map { $0.index < index } ?? false
    }

    private func fail(_ index: Int, _ error: any Error) {
        condition.lock()
        if failure == nil || index < failure!.index { failure = (index, error) }
        condition.unlock()
    }
}
