"""Save a PyTorch model as a safetensors file backprop reads, and read one backprop saved: torch and the stdlib."""
import json
import struct

import torch

DTYPES = {torch.float32: ("F32", "<f4"), torch.float64: ("F64", "<f8")}   # safetensors' name, little-endian
ACTIVATIONS = {"sigmoid": torch.nn.Sigmoid, "tanh": torch.nn.Tanh, "relu": torch.nn.ReLU,
               "softmax": lambda: torch.nn.Softmax(dim=1), "identity": torch.nn.Identity}


def save_safetensors(tensors, path, metadata=None):
    """Writes a dict of tensors (e.g. model.state_dict()): 8-byte header length, JSON header, raw bytes."""
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().cpu().contiguous().numpy().astype(DTYPES[t.dtype][1]).tobytes()
        header[name] = {"dtype": DTYPES[t.dtype][0], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata:
        header["__metadata__"] = metadata
    head = json.dumps(header).encode()
    head += b" " * (-len(head) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)) + head + b"".join(blobs))


def load_safetensors(path):
    """The tensors and the __metadata__ strings of a safetensors file (on a little-endian machine)."""
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    meta = header.pop("__metadata__", {})
    types = {"F32": torch.float32, "F64": torch.float64}
    return {name: torch.frombuffer(bytearray(data[h["data_offsets"][0]:h["data_offsets"][1]]),
                                   dtype=types[h["dtype"]]).reshape(h["shape"])
            for name, h in header.items()}, meta


def to_sequential(tensors, meta):
    """A backprop model (sizes, activations, layers.K.weight/bias) as torch.nn.Sequential; rows are examples."""
    sizes = [int(s) for s in meta["sizes"].split(",")]
    layers = []
    for k, activation in enumerate(meta["activations"].split(",")):
        linear = torch.nn.Linear(sizes[k], sizes[k + 1]).to(tensors[f"layers.{k}.weight"].dtype)
        linear.weight.data, linear.bias.data = tensors[f"layers.{k}.weight"], tensors[f"layers.{k}.bias"]
        layers += [linear, ACTIVATIONS[activation]()]
    return torch.nn.Sequential(*layers)
