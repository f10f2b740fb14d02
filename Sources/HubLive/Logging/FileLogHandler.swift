import Foundation
import HubCore
import Logging

/// swift-log to a file (`partnerhub info` names it; never the terminal the TUI owns). One line
/// per message, sanitised and shortened (server text can be hostile); the file is kept under
/// `maxBytes` by moving it to `.1` when it grows past that. Created 0600 in a 0700 folder.
public struct FileLogHandler: LogHandler {
    final class Sink: @unchecked Sendable {
        // Guarded by `lock`: log lines come from any task.
        let lock = NSLock()
        let path: String
        let maxBytes: Int
        var handle: FileHandle?
        var size = 0

        init(path: String, maxBytes: Int) {
            self.path = path
            self.maxBytes = maxBytes
        }

        func write(_ line: String) {
            lock.lock()
            defer { lock.unlock() }
            if handle == nil { open() }
            guard let handle else { return }
            let data = Data(line.utf8)
            handle.write(data)
            size += data.count
            if size > maxBytes {
                try? handle.close()
                self.handle = nil
                _ = try? FileManager.default.removeItem(atPath: path + ".1")
                _ = try? FileManager.default.moveItem(atPath: path, toPath: path + ".1")
            }
        }

        private func open() {
            let dir = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            handle = FileHandle(forWritingAtPath: path)
            size = Int((try? handle?.seekToEnd()) ?? 0)
        }
    }

    let sink: Sink
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info

    public init(path: String, maxBytes: Int = 1 << 20) {
        sink = Sink(path: path, maxBytes: maxBytes)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let text = Sanitizer.oneLine(event.message.description, max: 500)
        sink.write("\(Timestamp.format(Date())) \(event.level.rawValue) \(text)\n")
    }
}

extension Logger {
    /// A logger that writes nowhere: the default where no log file is wired (tests, benches).
    public static let silent = Logger(label: "partnerhub.silent", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The app's log file.
    public static func file(_ path: String) -> Logger {
        Logger(label: "partnerhub", factory: { _ in FileLogHandler(path: path) })
    }
}
