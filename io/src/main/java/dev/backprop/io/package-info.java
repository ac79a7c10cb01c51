/** Model and checkpoint files. */
package dev.backprop.io;
