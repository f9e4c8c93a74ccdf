@testable import CTBulkCore
import CTBulkTestSupport
import Testing

@Suite struct EncodingTests {
    // "Привет, №1" in Windows-1251, from the code page's published table.
    let privetCP1251: [UInt8] = [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2, 0x2C, 0x20, 0xB9, 0x31]

    @Test func decodesWindows1251() {
        #expect(Windows1251.decode(privetCP1251) == "Привет, №1")
        #expect(Windows1251.decode([0xA8, 0xB8]) == "Ёё")
    }

    @Test func encodesWindows1251AndReplacesWhatItCannotHold() {
        #expect(Windows1251.encode("Привет, №1") == privetCP1251)
        #expect(Windows1251.encode("日") == [UInt8(ascii: "?")])
    }

    @Test func detectsByBOMThenUTF8ValidityThenCodePage() {
        #expect(DetectedEncoding.detect([0xEF, 0xBB, 0xBF, 0x41]).encoding == .utf8)
        #expect(DetectedEncoding.detect([0xEF, 0xBB, 0xBF, 0x41]).bomLength == 3)
        #expect(DetectedEncoding.detect([0xFF, 0xFE, 0x41, 0x00]).encoding == .utf16LE)
        #expect(DetectedEncoding.detect([0xFE, 0xFF, 0x00, 0x41]).encoding == .utf16BE)
        #expect(DetectedEncoding.detect(Array("Привет".utf8)) == DetectedEncoding(encoding: .utf8, bomLength: 0, guessed: false))
        #expect(DetectedEncoding.detect(privetCP1251) == DetectedEncoding(encoding: .windows1251, bomLength: 0, guessed: false))
        // A sample cut inside a multi-byte character is still UTF-8.
        #expect(DetectedEncoding.detect(Array(Array("Приве".utf8).dropLast())).encoding == .utf8)
    }

    @Test func transcodesUTF16AcrossChunkBoundaries() {
        let text = "Номер\t😀\r\n"
        var bytes: [UInt8] = []
        for unit in text.utf16 { bytes.append(UInt8(unit & 0xFF)); bytes.append(UInt8(unit >> 8)) }
        for split in 0...bytes.count {
            var transcoder = UTF16ToUTF8Transcoder(littleEndian: true)
            var out: [UInt8] = []
            transcoder.transcode(bytes[..<split], into: &out)
            transcoder.transcode(bytes[split...], into: &out)
            transcoder.finish(into: &out)
            #expect(String(decoding: out, as: UTF8.self) == text, "split at \(split)")
        }
    }
}
