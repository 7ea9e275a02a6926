package org.bmaptool.linux.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@code struct fiemap} with room for a number of extents, in one direct buffer that
 * the FIEMAP ioctl fills in place, and accessors for its fields: the struct's layout in
 * one class, apart from the calls that use it.
 *
 * <p>The C layouts, from {@code linux/fiemap.h} (all fields native-endian, no padding):
 * <pre>
 * struct fiemap {                     offset
 *     __u64 fm_start;                  0  logical byte offset to start mapping at (in)
 *     __u64 fm_length;                 8  logical length of the mapping asked for (in)
 *     __u32 fm_flags;                 16  FIEMAP_FLAG_* (in/out)
 *     __u32 fm_mapped_extents;        20  number of extents filled in (out)
 *     __u32 fm_extent_count;          24  room in fm_extents[] (in)
 *     __u32 fm_reserved;              28
 *     struct fiemap_extent fm_extents[];  32
 * };
 * struct fiemap_extent {              offset (56 bytes each)
 *     __u64 fe_logical;                0  byte offset of the extent in the file
 *     __u64 fe_physical;               8  byte offset of the extent on the disk
 *     __u64 fe_length;                16  length of the extent in bytes
 *     __u64 fe_reserved64[2];         24
 *     __u32 fe_flags;                 40  FIEMAP_EXTENT_*
 *     __u32 fe_reserved[3];           44
 * };
 * </pre>
 */
final class FiemapBuffer {
    static final int FIEMAP_SIZE = 32;
    static final int EXTENT_SIZE = 56;
    private static final int FM_START = 0;
    private static final int FM_LENGTH = 8;
    private static final int FM_FLAGS = 16;
    private static final int FM_MAPPED_EXTENTS = 20;
    private static final int FM_EXTENT_COUNT = 24;
    private static final int FM_RESERVED = 28;
    private static final int FE_LOGICAL = 0;
    private static final int FE_LENGTH = 16;
    private static final int FE_FLAGS = 40;

    private final int capacity;
    private final ByteBuffer buffer;

    FiemapBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        this.buffer = ByteBuffer.allocateDirect(FIEMAP_SIZE + capacity * EXTENT_SIZE).order(ByteOrder.nativeOrder());
    }

    /** The buffer handed to the ioctl. */
    ByteBuffer buffer() {
        return buffer;
    }

    int capacity() {
        return capacity;
    }

    /** Fills in the request: map {@code length} bytes from {@code start} into all the room there is. */
    void request(long start, long length, int flags) {
        buffer.putLong(FM_START, start);
        buffer.putLong(FM_LENGTH, length);
        buffer.putInt(FM_FLAGS, flags);
        buffer.putInt(FM_MAPPED_EXTENTS, 0);
        buffer.putInt(FM_EXTENT_COUNT, capacity);
        buffer.putInt(FM_RESERVED, 0);
    }

    /** {@code fm_mapped_extents}. */
    int mappedExtents() {
        return buffer.getInt(FM_MAPPED_EXTENTS);
    }

    /** {@code fe_logical} of extent {@code i}. */
    long logical(int i) {
        return buffer.getLong(extent(i) + FE_LOGICAL);
    }

    /** {@code fe_length} of extent {@code i}. */
    long length(int i) {
        return buffer.getLong(extent(i) + FE_LENGTH);
    }

    /** {@code fe_flags} of extent {@code i}. */
    int flags(int i) {
        return buffer.getInt(extent(i) + FE_FLAGS);
    }

    private static int extent(int i) {
        return FIEMAP_SIZE + i * EXTENT_SIZE;
    }
}
