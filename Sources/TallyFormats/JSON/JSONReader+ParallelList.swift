import Dispatch
import Foundation

/// Reading a long list of objects on every core.
///
/// The list is cut at guessed element boundaries (a `,` then `{`) and every piece is parsed at once. A piece is only
/// kept when the piece before it, read from a true boundary, ended exactly where the guess began: so a guess that
/// fell inside a string, or beyond the end of the list, is noticed and that part is read again in order. Any error
/// is also found again by reading in order, so that it names the right element.
extension JSONReader {
    /// How a long list is read: in how many pieces, and from what size on (below it, starting threads would cost
    /// more than they save).
    struct Split: Sendable {
        var pieces: Int
        var minimumBytes: Int

        /// One piece per core, from 4 MB on.
        static let byCores = Split(
            pieces: min(8, ProcessInfo.processInfo.activeProcessorCount), minimumBytes: 4 << 20)
    }

    mutating func parallelList<T>(
        _ path: String, bulk bytesPerObject: Int, split: Split,
        _ element: @Sendable (inout JSONReader, Int) throws(FormatError) -> T
    ) throws(FormatError) -> [T] {
        let workers = split.pieces
        var probe = self
        guard workers > 1, bytes.count - position > split.minimumBytes, !probe.readNullIfPresent(),
            try probe.peekKind() == .array
        else {
            return try list(path, bulk: bytesPerObject, element)
        }
        try expectArrayStart()
        let first = position
        guard !atArrayEnd() else { return [] }

        let span = (bytes.count - first) / workers
        let starts = [first] + (1..<workers).compactMap { elementStart(after: first + $0 * span) }
        let pieces = Pieces<T>(count: starts.count)
        let source = SharedBytes(bytes: bytes)
        DispatchQueue.concurrentPerform(iterations: starts.count) { piece in
            let limit = piece + 1 < starts.count ? starts[piece + 1] : Int.max
            // The first piece becomes the whole list, so it has room for all of it (memory never touched is free);
            // the others are copied onto its end.
            let end = piece == 0 ? source.bytes.count : min(limit, source.bytes.count)
            let room = (end - starts[piece]) / bytesPerObject
            pieces.store(piece, Self.readPiece(source.bytes, from: starts[piece], until: limit, room: room, element))
        }

        var items: [T] = []
        var truth = first
        for (piece, start) in starts.enumerated() {
            guard start == truth, let result = pieces.take(piece), result.failed == false else { break }
            if piece == 0 { items = result.items } else { items.append(contentsOf: result.items) }
            truth = result.end
            if result.closed {
                position = truth
                return items
            }
        }
        // The rest, in order, from the last true boundary.
        position = truth
        var index = items.count
        while true {
            items.append(try element(&self, index))
            index += 1
            if try nextElementOrEnd() { return items }
        }
    }

    /// A guessed element start: the first `{` after a `,` at or after `offset`.
    private func elementStart(after offset: Int) -> Int? {
        var i = offset
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: ",") {
                var j = i + 1
                while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x0A || bytes[j] == 0x0D || bytes[j] == 0x09 {
                    j += 1
                }
                if j < bytes.count, bytes[j] == UInt8(ascii: "{") { return j }
                i = j
            } else {
                i += 1
            }
        }
        return nil
    }

    /// Reads elements from `start` until the next element would begin at or after `limit`, or the list closes.
    private static func readPiece<T>(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, until limit: Int, room: Int,
        _ element: (inout JSONReader, Int) throws(FormatError) -> T
    ) -> Piece<T> {
        var reader = JSONReader(bytes, at: start)
        var items: [T] = []
        items.reserveCapacity(room)
        do {
            var index = 0
            while true {
                items.append(try element(&reader, index))
                index += 1
                if try reader.nextElementOrEnd() { return Piece(items: items, end: reader.position, closed: true) }
                reader.skipSpace()
                if reader.position >= limit { return Piece(items: items, end: reader.position, closed: false) }
            }
        } catch {
            return Piece(items: [], end: start, closed: false, failed: true)
        }
    }

    /// What one piece read: its elements, where it stopped, and whether the list closed there.
    private struct Piece<T> {
        var items: [T]
        var end: Int
        var closed: Bool
        var failed = false
    }

    /// Result slots that workers fill without locks: each slot is written by exactly one worker.
    private final class Pieces<T>: @unchecked Sendable {
        private(set) var results: [Piece<T>?]

        init(count: Int) {
            results = Array(repeating: nil, count: count)
        }

        func store(_ index: Int, _ piece: Piece<T>) {
            results.withUnsafeMutableBufferPointer { $0[index] = piece }
        }

        /// Hands over a piece, so that its items are not shared (and copied) when they become the list.
        func take(_ index: Int) -> Piece<T>? {
            defer { results[index] = nil }
            return results[index]
        }
    }

    /// The file's bytes, read (never written) by every worker.
    private struct SharedBytes: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
    }
}
