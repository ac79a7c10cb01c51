#!/usr/bin/env python3
"""Writes the optimizer golden files: a small network (4-6-3, tanh then softmax, log-likelihood cost) trained
for 100 mini-batch steps by PyTorch's torch.optim in float64, from fixed initial parameters over a fixed data
set visited in order, with the parameters after steps 1, 2, 5, 10, 20, ..., 100 and every step's mean batch
cost; and the learning rates of torch.optim.lr_scheduler's schedules. The Java tests train the same network
with the same hyper-parameters on the reference backend and compare.

Weights get network2's coupled L2 as PyTorch's weight_decay = lambda/n in a parameter group of their own
(biases are not decayed); AdamW's decoupled decay applies to every parameter, as PyTorch applies it.

Run from this directory with Debian's python3-torch: /usr/bin/python3 generate_optimizer_golden.py
(rewrites optimizer-*.txt and schedules.txt)
"""
import numpy as np
import torch

torch.set_default_dtype(torch.float64)

SIZES = [4, 6, 3]
N = 20          # training examples, visited in order, BATCH at a time
BATCH = 5
STEPS = 100
RECORDED = [1, 2, 5] + list(range(10, STEPS + 1, 10))

CASES = [
    # name, optimizer kind, hyper-parameters (our names), PyTorch constructor
    ("sgd-l2", "sgd", dict(eta=0.5, lam=1.0),
     lambda groups, h: torch.optim.SGD(groups, lr=h["eta"])),
    ("momentum-l2", "momentum", dict(eta=0.1, momentum=0.9, lam=0.5),
     lambda groups, h: torch.optim.SGD(groups, lr=h["eta"], momentum=h["momentum"])),
    ("nesterov", "nesterov", dict(eta=0.1, momentum=0.9),
     lambda groups, h: torch.optim.SGD(groups, lr=h["eta"], momentum=h["momentum"], nesterov=True)),
    ("rmsprop", "rmsprop", dict(eta=0.01, alpha=0.99, epsilon=1e-8),
     lambda groups, h: torch.optim.RMSprop(groups, lr=h["eta"], alpha=h["alpha"], eps=h["epsilon"])),
    ("rmsprop-momentum-l2", "rmsprop", dict(eta=0.005, alpha=0.9, epsilon=1e-6, momentum=0.5, lam=0.5),
     lambda groups, h: torch.optim.RMSprop(groups, lr=h["eta"], alpha=h["alpha"], eps=h["epsilon"],
                                           momentum=h["momentum"])),
    ("adam", "adam", dict(eta=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8),
     lambda groups, h: torch.optim.Adam(groups, lr=h["eta"], betas=(h["beta1"], h["beta2"]), eps=h["epsilon"])),
    ("adam-l2", "adam", dict(eta=0.01, beta1=0.8, beta2=0.99, epsilon=1e-7, lam=2.0),
     lambda groups, h: torch.optim.Adam(groups, lr=h["eta"], betas=(h["beta1"], h["beta2"]), eps=h["epsilon"])),
    ("adamw", "adamw", dict(eta=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8, weight_decay=0.05),
     lambda groups, h: torch.optim.AdamW(groups, lr=h["eta"], betas=(h["beta1"], h["beta2"]), eps=h["epsilon"],
                                         weight_decay=h["weight_decay"])),
]


def fmt(x):
    return repr(float(x))


def tensor_line(label, m):
    m = np.atleast_2d(np.asarray(m, dtype=np.float64))
    if m.shape[0] == 1 and label.startswith("b"):
        m = m.T
    return "tensor %s %d %d %s" % (label, m.shape[0], m.shape[1], " ".join(fmt(v) for v in m.ravel()))


def data():
    rng = np.random.default_rng(20240917)
    x = rng.uniform(-1, 1, size=(SIZES[0], N))                       # columns are examples
    labels = rng.integers(0, SIZES[-1], size=N)
    y = np.zeros((SIZES[-1], N))
    y[labels, np.arange(N)] = 1.0
    ws, bs = [], []
    for l in range(1, len(SIZES)):
        ws.append(rng.normal(0, 1 / np.sqrt(SIZES[l - 1]), size=(SIZES[l], SIZES[l - 1])))
        bs.append(rng.normal(0, 1, size=SIZES[l]))
    return x, y, ws, bs


def train(case, x, y, ws, bs):
    name, kind, h, make = case
    W = [torch.tensor(w, requires_grad=True) for w in ws]
    b = [torch.tensor(v, requires_grad=True) for v in bs]
    lam = h.get("lam", 0.0)
    if kind == "adamw":
        groups = [{"params": W + b}]
    else:
        groups = [{"params": W, "weight_decay": lam / N}, {"params": b, "weight_decay": 0.0}]
    opt = make(groups, h)
    X, Y = torch.tensor(x), torch.tensor(y)
    costs, snapshots = [], {}
    for step in range(1, STEPS + 1):
        lo = ((step - 1) * BATCH) % N
        xb, yb = X[:, lo:lo + BATCH], Y[:, lo:lo + BATCH]
        a = xb
        for l in range(len(W)):
            z = W[l] @ a + b[l][:, None]
            a = torch.tanh(z) if l < len(W) - 1 else torch.softmax(z, dim=0)
        cost = -(yb * torch.log(a)).sum() / BATCH                     # mean log-likelihood over the batch
        opt.zero_grad()
        cost.backward()
        opt.step()
        costs.append(cost.item())
        if step in RECORDED:
            snapshots[step] = [t.detach().numpy().copy() for t in W + b]
    return costs, snapshots


def write_case(case, x, y, ws, bs):
    name, kind, h, _ = case
    costs, snapshots = train(case, x, y, ws, bs)
    lines = ["# optimizer golden case %s, written by generate_optimizer_golden.py (PyTorch %s torch.optim, float64)"
             % (name, torch.__version__),
             "optimizer " + kind,
             "hyper " + " ".join("%s %s" % (k, fmt(v)) for k, v in sorted(h.items())),
             "sizes " + " ".join(str(s) for s in SIZES),
             "activations tanh softmax",
             "cost log-likelihood",
             "batch %d" % BATCH,
             "steps %d" % STEPS,
             tensor_line("X", x), tensor_line("Y", y)]
    for l, (w, v) in enumerate(zip(ws, bs), start=1):
        lines.append(tensor_line("W%d" % l, w))
        lines.append(tensor_line("b%d" % l, v))
    lines.append("costs " + " ".join(fmt(c) for c in costs))
    layers = len(ws)
    for step in RECORDED:
        params = snapshots[step]
        for l in range(1, layers + 1):
            lines.append("after %d %s" % (step, tensor_line("W%d" % l, params[l - 1])))
            lines.append("after %d %s" % (step, tensor_line("b%d" % l, params[layers + l - 1])))
    with open("optimizer-%s.txt" % name, "w") as f:
        f.write("\n".join(lines) + "\n")


def schedules():
    """torch.optim.lr_scheduler's learning rates, epoch by epoch, for the schedules the Java Schedule mirrors."""
    lines = ["# learning-rate schedules, written by generate_optimizer_golden.py (PyTorch %s lr_scheduler)"
             % torch.__version__]
    total, base = 30, 0.1

    def run(name, make):
        p = torch.zeros(1, requires_grad=True)
        opt = torch.optim.SGD([p], lr=base)
        sched = make(opt)
        rates = []
        for _ in range(total):
            rates.append(opt.param_groups[0]["lr"])
            opt.step()
            sched.step()
        lines.append("schedule %s %s" % (name, " ".join(fmt(r) for r in rates)))

    S = torch.optim.lr_scheduler
    run("step:7:0.5", lambda o: S.StepLR(o, step_size=7, gamma=0.5))
    run("exponential:0.9", lambda o: S.ExponentialLR(o, gamma=0.9))
    run("cosine:0", lambda o: S.CosineAnnealingLR(o, T_max=total))
    run("cosine:0.001", lambda o: S.CosineAnnealingLR(o, T_max=total, eta_min=0.001))
    warm = 5
    run("warmup:5:cosine:0", lambda o: S.SequentialLR(o, [
        S.LinearLR(o, start_factor=1 / (warm + 1), end_factor=1.0, total_iters=warm),
        S.CosineAnnealingLR(o, T_max=total - warm)], milestones=[warm]))
    run("warmup:5:step:7:0.5", lambda o: S.SequentialLR(o, [
        S.LinearLR(o, start_factor=1 / (warm + 1), end_factor=1.0, total_iters=warm),
        S.StepLR(o, step_size=7, gamma=0.5)], milestones=[warm]))
    with open("schedules.txt", "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    x, y, ws, bs = data()
    for case in CASES:
        write_case(case, x, y, ws, bs)
    schedules()
