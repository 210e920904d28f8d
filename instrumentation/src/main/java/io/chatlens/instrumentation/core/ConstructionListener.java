package io.chatlens.instrumentation.core;

/** Implemented by handlers that want to know about objects built by woven constructors. */
public interface ConstructionListener {

  void constructed(Probe probe, Object instance);
}
