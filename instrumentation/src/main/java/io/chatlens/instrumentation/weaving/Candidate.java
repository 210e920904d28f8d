package io.chatlens.instrumentation.weaving;

import java.util.List;
import java.util.Set;

/** A class the prefilter passed on to Byte Buddy, and why. */
record Candidate(String internalName, List<WeavingScope> byName, Set<TypeMarkers.Root> byHierarchy) {}
