/**
 * backprop's files: models in the safetensors layout and Nielsen's network2 JSON, and training checkpoints.
 * A module of its own so that core keeps depending on the JDK only; headers are parsed with Jackson.
 */
module dev.backprop.io {
    requires transitive dev.backprop.core;
    requires com.fasterxml.jackson.databind;
    requires java.management;

    exports dev.backprop.io;
}
