package ai.asterai.protocol.wit.model;

/** Whether a function stands alone or belongs to a resource. */
public enum FunctionKind {
    FREESTANDING, METHOD, STATIC, CONSTRUCTOR
}
