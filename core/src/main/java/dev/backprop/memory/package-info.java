/** Sizes checked before they are allocated: {@link dev.backprop.memory.MemoryBudget}. */
package dev.backprop.memory;
