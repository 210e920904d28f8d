package io.chatlens.instrumentation.weaving;

import java.nio.charset.StandardCharsets;

/**
 * Reads the direct supertypes of a class straight from its class file bytes, without Byte Buddy and
 * without loading anything: skips the constant pool, then reads super_class and interfaces. This is what
 * keeps hierarchy matching cheap; no type-hierarchy scan happens for ordinary classes.
 */
final class ClassHeader {

  private static final String[] NONE = new String[0];

  private ClassHeader() {}

  /**
   * The internal names of the superclass (first, unless absent) and the interfaces, or an empty array
   * when the bytes are not a readable class file.
   */
  static String[] directSupertypes(byte[] bytes) {
    try {
      return read(bytes);
    } catch (RuntimeException malformed) {
      return NONE;
    }
  }

  private static String[] read(byte[] b) {
    if (b.length < 10 || u4(b, 0) != 0xCAFEBABE) {
      return NONE;
    }
    int count = u2(b, 8);
    int[] offsets = new int[count];
    int position = 10;
    for (int index = 1; index < count; index++) {
      offsets[index] = position;
      int tag = b[position] & 0xFF;
      switch (tag) {
        case 1 -> position += 3 + u2(b, position + 1); // Utf8
        case 3, 4, 9, 10, 11, 12, 17, 18 -> position += 5; // Integer, Float, refs, NameAndType, Dynamic, InvokeDynamic
        case 5, 6 -> { // Long, Double take two slots
          position += 9;
          index++;
        }
        case 7, 8, 16, 19, 20 -> position += 3; // Class, String, MethodType, Module, Package
        case 15 -> position += 4; // MethodHandle
        default -> {
          return NONE;
        }
      }
    }
    int superIndex = u2(b, position + 4);
    int interfaceCount = u2(b, position + 6);
    String[] names = new String[(superIndex == 0 ? 0 : 1) + interfaceCount];
    int next = 0;
    if (superIndex != 0) {
      names[next++] = className(b, offsets, superIndex);
    }
    for (int i = 0; i < interfaceCount; i++) {
      names[next++] = className(b, offsets, u2(b, position + 8 + 2 * i));
    }
    return names;
  }

  private static String className(byte[] b, int[] offsets, int classIndex) {
    int utf8 = offsets[u2(b, offsets[classIndex] + 1)];
    int length = u2(b, utf8 + 1);
    return new String(b, utf8 + 3, length, StandardCharsets.UTF_8);
  }

  private static int u2(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  private static int u4(byte[] b, int at) {
    return (u2(b, at) << 16) | u2(b, at + 2);
  }
}
