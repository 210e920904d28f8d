package io.chatlens.agent.redaction;

import java.util.ArrayList;
import java.util.List;

/** Decides whether a key is on the deny list, for attribute keys as well as keys found in free text. */
final class SensitiveKeyMatcher {

  private final List<KeyGlob> globs;
  private final List<String> fragments;

  SensitiveKeyMatcher(List<String> deniedKeyGlobs) {
    List<KeyGlob> compiled = new ArrayList<>();
    for (String glob : deniedKeyGlobs) {
      compiled.add(KeyGlob.parse(glob));
    }
    this.globs = List.copyOf(compiled);
    this.fragments = minimalFragments(compiled);
  }

  /** Whether {@code key} is on the deny list. */
  boolean matches(CharSequence key) {
    return matches(NormalizedKey.of(key, 0, key.length()));
  }

  /** Whether the normalized key is on the deny list. */
  boolean matches(NormalizedKey key) {
    for (KeyGlob glob : globs) {
      if (glob.matches(key)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Lower-case literals of which every deny-listed key contains at least one (ignoring case and
   * separators). Text without any of them cannot hold a deny-listed key, so the text scan starts from
   * occurrences of these. Fragments that contain a shorter fragment are dropped.
   */
  List<String> fragments() {
    return fragments;
  }

  private static List<String> minimalFragments(List<KeyGlob> globs) {
    List<String> literals = new ArrayList<>();
    for (KeyGlob glob : globs) {
      String literal = glob.longestLiteral();
      if (!literals.contains(literal)) {
        literals.add(literal);
      }
    }
    List<String> minimal = new ArrayList<>();
    for (String literal : literals) {
      boolean implied = false;
      for (String other : literals) {
        if (!other.equals(literal) && literal.contains(other)) {
          implied = true;
          break;
        }
      }
      if (!implied) {
        minimal.add(literal);
      }
    }
    return List.copyOf(minimal);
  }
}
