package io.chatlens.instrumentation.weaving;

import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

/**
 * Resolves {@link ProbeId} to the id registered for the method being woven. The ids of the methods of the
 * class being transformed are set just before Byte Buddy writes it, on the same thread.
 */
final class ProbeIdBinding implements Advice.OffsetMapping.Factory<ProbeId> {

  static final ThreadLocal<Map<String, Integer>> PENDING = ThreadLocal.withInitial(HashMap::new);

  static String key(MethodDescription method) {
    return method.getInternalName() + method.getDescriptor();
  }

  @Override
  public Class<ProbeId> getAnnotationType() {
    return ProbeId.class;
  }

  @Override
  public Advice.OffsetMapping make(ParameterDescription.InDefinedShape target,
      AnnotationDescription.Loadable<ProbeId> annotation, AdviceType adviceType) {
    return new Advice.OffsetMapping() {
      @Override
      public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod,
          Assigner assigner, Advice.ArgumentHandler argumentHandler, Sort sort) {
        Integer id = PENDING.get().get(key(instrumentedMethod));
        if (id == null) {
          throw new IllegalStateException("no probe id for " + instrumentedMethod);
        }
        return new Target.ForStackManipulation(IntegerConstant.forValue(id));
      }
    };
  }
}
