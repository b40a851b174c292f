/// Runs libFuzzer on a harness body: `runFuzzer { bytes in ... }` is a harness's whole main.swift.
///
/// SwiftPM renames an executable's `main`, so the harness cannot rely on libFuzzer's own `main`;
/// instead its top-level code hands the command line to `LLVMFuzzerRunDriver`.
public func runFuzzer(_ body: @escaping (UnsafeBufferPointer<UInt8>) -> Void) -> Never {
    harnessBody = body
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = llvmFuzzerRunDriver(&argc, &argv) { data, size in
        harnessBody?(UnsafeBufferPointer(start: data, count: size))
        return 0
    }
    exit(status)
}

nonisolated(unsafe) private var harnessBody: ((UnsafeBufferPointer<UInt8>) -> Void)?

@_silgen_name("LLVMFuzzerRunDriver")
private func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_silgen_name("exit")
private func exit(_ status: CInt) -> Never
