import Foundation

/// Finds and runs the built `partnerhub` binary (swift test builds it beside the test bundle).
enum Binary {
    static var path: String {
        if let p = ProcessInfo.processInfo.environment["PARTNERHUB_BIN"] { return p }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("partnerhub").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return ".build/debug/partnerhub"
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        /// The process's peak resident memory in MB (VmHWM from /proc, sampled while it ran).
        var peakMB: Double = 0
        /// How long it ran, in seconds.
        var seconds: Double = 0
    }

    /// VmHWM of a running process, in MB (0 once it is gone).
    static func peakMB(_ pid: Int32) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }

    /// Runs to completion with a clean environment plus `env`; stdin is /dev/null.
    /// `detached`: the child may leave a daemon behind (tmux starts its server): don't wait for output.
    /// `until`: stops the process (SIGTERM, as the timeout does) once what it wrote satisfies
    /// it, given stdout and stderr: a `watch` that said what the test waits for need not run
    /// to its timeout.
    static func run(_ args: [String], env: [String: String] = [:], executable: String = path, timeout: TimeInterval = 60, detached: Bool = false,
                    until: (@Sendable (_ stdout: String, _ stderr: String) -> Bool)? = nil) throws -> Result {
        let p = Process()
        if detached {
            // Foundation watches a child through a socket the child inherits; a daemon started
            // by the child (tmux's server) would keep it open forever. Close every fd above 2
            // before exec'ing the real program.
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", "for f in /proc/$$/fd/*; do n=${f##*/}; [ \"$n\" -gt 2 ] && eval \"exec $n>&-\"; done; exec \"$0\" \"$@\"", executable] + args
        } else {
            p.executableURL = URL(fileURLWithPath: executable)
            p.arguments = args
        }
        var e = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8",
                 "HOME": FileManager.default.temporaryDirectory.appendingPathComponent("ph-home-\(UUID().uuidString)").path]
        for (k, v) in env { e[k] = v }
        p.environment = e
        p.standardInput = FileHandle.nullDevice
        if detached {
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            return Result(status: p.terminationStatus, stdout: "", stderr: "")
        }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let started = Date()
        try p.run()
        let peak = ReadBox()
        let pid = p.processIdentifier
        let sampler = Thread {
            var high = 0.0
            while p.isRunning {
                high = max(high, Binary.peakMB(pid))
                peak.peak = high
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        sampler.start()
        // Read while it runs (a full pipe would block the child), chunk by chunk: what the child
        // wrote is ours as soon as it is read, not only at end of file. A run stopped by the
        // timeout returned before its reader had stored anything (the reader waits for EOF),
        // which made `watch` look silent on loaded machines (CI, 2026-12-04); and a grandchild
        // holding the pipe open would keep EOF away for as long as it lives.
        let outData = ReadBox(), errData = ReadBox()
        let group = DispatchGroup()
        for (pipe, box) in [(out, outData), (err, errData)] {
            group.enter()
            DispatchQueue.global().async {
                // `availableData` returns what is there (`read(upToCount:)` waits for the count).
                while case let chunk = pipe.fileHandleForReading.availableData, !chunk.isEmpty {
                    box.append(chunk)
                    if let until, until(String(decoding: outData.data, as: UTF8.self), String(decoding: errData.data, as: UTF8.self)) { kill(pid, SIGTERM) }
                }
                group.leave()
            }
        }
        if group.wait(timeout: .now() + timeout) == .timedOut { p.terminate() }
        p.waitUntilExit()
        // Whatever the child wrote before it exited is in the pipe: a moment to read it; EOF may
        // never come while a grandchild holds the pipe.
        _ = group.wait(timeout: .now() + 2)
        return Result(status: p.terminationStatus, stdout: String(decoding: outData.data, as: UTF8.self), stderr: String(decoding: errData.data, as: UTF8.self),
                      peakMB: peak.peak, seconds: Date().timeIntervalSince(started))
    }

    /// Bytes or a figure shared between a reader thread and the test (guarded by `lock`).
    final class ReadBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored = Data()
        private var high = 0.0
        var data: Data {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
        var peak: Double {
            get { lock.withLock { high } }
            set { lock.withLock { high = newValue } }
        }
        func append(_ chunk: Data) { lock.withLock { stored.append(chunk) } }
    }
}

/// A `partnerhub sandbox serve` in the background, stopped with SIGTERM.
final class ServedSandbox {
    let process = Process()
    let url: String
    let apiKey: String
    let partnerId: String

    init(_ extra: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["sandbox", "serve", "--port", "0", "--time-scale", "0"] + extra
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line says where it listens.
        var line = Data()
        let handle = out.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        var fields: [String: String] = [:]
        for part in String(decoding: line, as: UTF8.self).split(separator: " ") {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
        }
        url = fields["url"] ?? ""
        apiKey = fields["api_key"] ?? ""
        partnerId = fields["partner_id"] ?? ""
    }

    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }
}
