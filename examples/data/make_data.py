"""Writes the examples' small CSV data sets (run: python3 make_data.py; the standard library only).

rings.csv:  300 points (x, y) on three noisy concentric rings, labelled inner/middle/outer: a classification
            with string labels that no straight line separates.
waves.csv:  400 rows of (a, b) uniform in [-2, 2] and t = sin(a) + 0.5*b^2 + N(0, 0.05^2): a regression of a
            known function, so a test can bound the RMSE (the noise floor is 0.05).
"""
import csv
import math
import random

rng = random.Random(12)
with open("rings.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["x", "y", "ring"])
    for i in range(300):
        name, radius = [("inner", 0.5), ("middle", 1.5), ("outer", 2.5)][i % 3]
        r = radius + rng.gauss(0, 0.15)
        theta = rng.uniform(0, 2 * math.pi)
        w.writerow([f"{r * math.cos(theta):.4f}", f"{r * math.sin(theta):.4f}", name])

with open("waves.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["a", "b", "t"])
    for i in range(400):
        a, b = rng.uniform(-2, 2), rng.uniform(-2, 2)
        w.writerow([f"{a:.4f}", f"{b:.4f}", f"{math.sin(a) + 0.5 * b * b + rng.gauss(0, 0.05):.4f}"])
