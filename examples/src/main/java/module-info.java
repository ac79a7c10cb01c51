/** The README's examples, as a named module: run them on the module path as well as on the class path. */
module dev.backprop.examples {
    requires dev.backprop.io;      // and, transitively, dev.backprop.core

    exports dev.backprop.examples;
}
