#!/usr/bin/env python3
"""Writes the golden files: fixed networks, inputs and targets, with the forward output, the mean cost and
every gradient, computed here in plain Python float64 (no numpy, no code shared with the Java engine), so
the Java test compares two independent implementations of the same equations.

Run from this directory: python3 generate_golden.py   (rewrites golden-*.txt)
"""
import math

def matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]

def transpose(a):
    return [list(r) for r in zip(*a)]

def sigmoid(z): return 1.0 / (1.0 + math.exp(-z))

ACT = {
    "sigmoid": (lambda Z: [[sigmoid(z) for z in r] for r in Z],
                lambda Z, A: [[a * (1 - a) for a in r] for r in A]),
    "tanh": (lambda Z: [[math.tanh(z) for z in r] for r in Z],
             lambda Z, A: [[1 - a * a for a in r] for r in A]),
    "relu": (lambda Z: [[max(z, 0.0) for z in r] for r in Z],
             lambda Z, A: [[1.0 if z > 0 else 0.0 for z in r] for r in Z]),
}

def softmax(Z):
    cols = transpose(Z)
    out = []
    for c in cols:
        m = max(c)
        e = [math.exp(z - m) for z in c]
        s = sum(e)
        out.append([v / s for v in e])
    return transpose(out)

def forward(Ws, bs, acts, X):
    Zs, As = [None], [X]
    for W, b, act in zip(Ws, bs, acts):
        Z = matmul(W, As[-1])
        Z = [[z + b[i] for z in row] for i, row in enumerate(Z)]
        A = softmax(Z) if act == "softmax" else ACT[act][0](Z)
        Zs.append(Z)
        As.append(A)
    return Zs, As

def cost_total(cost, A, Y):
    t = 0.0
    for ra, ry in zip(A, Y):
        for a, y in zip(ra, ry):
            if cost == "quadratic":
                t += 0.5 * (a - y) ** 2
            elif cost == "cross-entropy":
                t -= y * math.log(a) + (1 - y) * math.log(1 - a)
            elif cost == "log-likelihood":
                if y != 0:
                    t -= y * math.log(a)
    return t

def output_delta(cost, act, Z, A, Y):
    # dC/dA per element, then the activation's Jacobian (general path, no fused shortcut, so the
    # shortcut in the Java engine is checked against the long way round)
    if cost == "quadratic":
        dA = [[a - y for a, y in zip(ra, ry)] for ra, ry in zip(A, Y)]
    elif cost == "cross-entropy":
        dA = [[(a - y) / (a * (1 - a)) for a, y in zip(ra, ry)] for ra, ry in zip(A, Y)]
    else:
        dA = [[-y / a for a, y in zip(ra, ry)] for ra, ry in zip(A, Y)]
    return act_backward(act, Z, A, dA)

def act_backward(act, Z, A, dA):
    if act == "softmax":
        n, m = len(A), len(A[0])
        out = [[0.0] * m for _ in range(n)]
        for j in range(m):
            # dZ_i = sum_k dA_k * dA_k/dZ_i = sum_k dA_k * A_k (delta_ki - A_i)
            for i in range(n):
                out[i][j] = sum(dA[k][j] * A[k][j] * ((1.0 if k == i else 0.0) - A[i][j]) for k in range(n))
        return out
    d = ACT[act][1](Z, A)
    return [[g * s for g, s in zip(rg, rs)] for rg, rs in zip(dA, d)]

def backprop(Ws, bs, acts, cost, X, Y):
    Zs, As = forward(Ws, bs, acts, X)
    L, m = len(Ws), len(X[0])
    deltas = [None] * (L + 1)
    deltas[L] = output_delta(cost, acts[-1], Zs[L], As[L], Y)
    for l in range(L - 1, 0, -1):
        back = matmul(transpose(Ws[l]), deltas[l + 1])
        deltas[l] = act_backward(acts[l - 1], Zs[l], As[l], back)
    dWs = [[[v / m for v in row] for row in matmul(deltas[l], transpose(As[l - 1]))] for l in range(1, L + 1)]
    dbs = [[sum(row) / m for row in deltas[l]] for l in range(1, L + 1)]
    return As[L], cost_total(cost, As[L], Y) / m, dWs, dbs

def fixed(rows, cols, salt, scale):
    return [[scale * math.sin(salt + 1.3 * i + 0.7 * j + 0.11 * i * j) for j in range(cols)] for i in range(rows)]

CASES = [
    ("sigmoid-quadratic", [4, 5, 4, 3], ["sigmoid", "sigmoid", "sigmoid"], "quadratic", "soft"),
    ("relu-tanh-softmax-loglikelihood", [4, 5, 4, 3], ["relu", "tanh", "softmax"], "log-likelihood", "onehot"),
    ("tanh-sigmoid-crossentropy", [4, 5, 4, 3], ["tanh", "sigmoid", "sigmoid"], "cross-entropy", "soft"),
]

def fmt(v): return repr(float(v))

def write(name, sizes, acts, cost, targets):
    m = 3
    Ws = [fixed(sizes[l], sizes[l - 1], 0.5 * l, 1.0 / math.sqrt(sizes[l - 1])) for l in range(1, len(sizes))]
    bs = [[0.3 * math.cos(l + i) for i in range(sizes[l])] for l in range(1, len(sizes))]
    X = fixed(sizes[0], m, 2.0, 1.0)
    if targets == "onehot":
        Y = [[1.0 if (j + 1) % sizes[-1] == i else 0.0 for j in range(m)] for i in range(sizes[-1])]
    else:
        Y = [[0.5 + 0.45 * math.sin(3.0 + i + 2 * j) for j in range(m)] for i in range(sizes[-1])]
    out, c, dWs, dbs = backprop(Ws, bs, acts, cost, X, Y)
    lines = ["# golden case " + name + ", written by generate_golden.py (plain Python float64)",
             "sizes " + " ".join(map(str, sizes)), "activations " + " ".join(acts), "cost " + cost]
    def tensor(label, M):
        lines.append("tensor %s %d %d %s" % (label, len(M), len(M[0]), " ".join(fmt(v) for r in M for v in r)))
    for l, (W, b) in enumerate(zip(Ws, bs), start=1):
        tensor("W%d" % l, W)
        tensor("b%d" % l, [[v] for v in b])
    tensor("X", X)
    tensor("Y", Y)
    tensor("output", out)
    lines.append("scalar cost " + fmt(c))
    for l, (dW, db) in enumerate(zip(dWs, dbs), start=1):
        tensor("dW%d" % l, dW)
        tensor("db%d" % l, [[v] for v in db])
    with open("golden-%s.txt" % name, "w") as f:
        f.write("\n".join(lines) + "\n")

for case in CASES:
    write(*case)
