import MemSense
import Testing

@Suite struct ZoneInfoTests {
    /// Lines copied from this project's VM's /proc/zoneinfo (6.18): the headers and watermark
    /// blocks of its DMA and DMA32 zones, with the per-node counters in between left out.
    @Test func lowWatermarksAreSummedOverZones() throws {
        let text = """
            Node 0, zone      DMA
              per-node stats
                  nr_inactive_anon 4072
                  nr_kernel_file_pages 0
              pages free     3840
                    boost    0
                    min      58
                    low      72
                    high     86
                    promo    100
                    spanned  4095
                    present  3998
                    managed  3840
                    cma      0
                    protection: (0, 3019, 4299, 4299, 4299)
                  nr_free_pages 3840
                  nr_free_pages_blocks 3584
            Node 0, zone    DMA32
              pages free     772915
                    boost    0
                    min      11824
                    low      14780
                    high     17736
                    promo    20692
                    spanned  1044480
                    present  782336
                    managed  772915
                    cma      0
                    protection: (0, 0, 1280, 1280, 1280)

            """
        let zones = try NodeFixture.parse(text: text, ZoneInfo.init(parsing:))
        #expect(zones.lowWatermarkPages == 14852)
        #expect(zones.zoneCount == 2)
    }

    @Test func fileWithoutWatermarksIsRejected() {
        #expect(throws: ParseError(line: 0, "no zone has a `low` watermark line")) {
            try NodeFixture.parse(text: "Node 0, zone      DMA\n", ZoneInfo.init(parsing:))
        }
    }
}
