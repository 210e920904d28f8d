package com.example.probe;

/** The file name of the jar a class came from. */
final class Jars {

  private Jars() {}

  static String of(Class<?> type) {
    String path = type.getProtectionDomain().getCodeSource().getLocation().getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
