"""Driven by PyTorchInteropTest: both directions of the README's Python snippet, outputs written as JSON.

usage: torch_roundtrip.py SNIPPET_DIR WORK_DIR
  reads  WORK_DIR/java.safetensors (saved by backprop) and WORK_DIR/x.json (inputs, rows are examples);
  writes WORK_DIR/from_java.json   (torch's outputs of backprop's model on x),
         WORK_DIR/torch.safetensors (a PyTorch state dict, no metadata) and WORK_DIR/from_torch.json (its outputs).
"""
import json
import sys

sys.path.insert(0, sys.argv[1])
import torch  # noqa: E402
from backprop_safetensors import load_safetensors, save_safetensors, to_sequential  # noqa: E402

work = sys.argv[2]
x = torch.tensor(json.load(open(f"{work}/x.json")), dtype=torch.float64)

tensors, meta = load_safetensors(f"{work}/java.safetensors")
model = to_sequential(tensors, meta)
with torch.no_grad():
    json.dump(model(x.to(tensors["layers.0.weight"].dtype)).double().tolist(), open(f"{work}/from_java.json", "w"))

torch.manual_seed(5)
net = torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.ReLU(), torch.nn.Linear(6, 3))
save_safetensors(net.state_dict(), f"{work}/torch.safetensors")
with torch.no_grad():
    json.dump(torch.softmax(net(x.float()), dim=1).double().tolist(), open(f"{work}/from_torch.json", "w"))
