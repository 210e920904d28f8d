package io.chatlens.instrumentation.weaving;

import io.chatlens.instrumentation.core.Probe;
import java.util.List;

/** What the weaver reports back to the agent. */
public interface WeavingListener {

  /** A class was woven with these probes. */
  void onWoven(String className, List<Probe> probes);

  /** Weaving a class failed; the class is left as it was. */
  void onError(String className, Throwable fault);

  /** Something the user should know. */
  void onWarning(String message);
}
