"""Writes the .npy/.npz files NpyTest reads, with numpy itself (run: /usr/bin/python3 generate_numpy.py).

Every 2-D file holds the 3x4 array v[i, j] = i*4 + j (cast to its dtype, with the signed types negated where
noted), so the Java test can compute the expected values; the files differ in dtype, byte order, memory
order and format version.
"""
import numpy as np

base = np.arange(12).reshape(3, 4)


def save(name, a, version=None):
    with open(name, "wb") as f:
        np.lib.format.write_array(f, a, version=version)


for descr in ["<f8", ">f8", "<f4", ">f4", "|u1", "|i1", "<i2", ">u2", "<i4", ">u4", "<i8", "<u8"]:
    v = base if descr[1] in "uf" else -base
    a = v.astype(descr)
    tag = descr[1:] + ("_be" if descr[0] == ">" else "_le")
    save(tag + "_c.npy", np.ascontiguousarray(a))
    save(tag + "_f.npy", np.asfortranarray(a))
save("b1.npy", (base % 3 == 0))
save("u1_c_v2.npy", base.astype("|u1"), version=(2, 0))
save("f8_c_v3.npy", base.astype("<f8"), version=(3, 0))
save("f8_3d_f.npy", np.asfortranarray(np.arange(24).reshape(2, 3, 4).astype("<f8")))
save("u8_big.npy", np.array([2**64 - 1, 2**63, 7], dtype="<u8"))

x_train = np.arange(24, dtype=np.uint8).reshape(6, 2, 2)
y_train = np.array([0, 1, 2, 0, 1, 2], dtype=np.int64)
x_test = np.arange(12, dtype=np.uint8).reshape(3, 2, 2) * 2
y_test = np.array([2, 1, 0], dtype=np.int64)
np.savez("classes.npz", x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
np.savez_compressed("classes_compressed.npz", x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
xr = np.linspace(-1, 1, 10).reshape(5, 2)
np.savez("regression.npz", features=xr, targets=np.stack([xr.sum(axis=1), xr[:, 0] * xr[:, 1]], axis=1),
         x_test=xr[:2], y_test=np.zeros((2, 2)))
