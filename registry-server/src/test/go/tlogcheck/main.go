// Command tlogcheck verifies an Asterai registry's transparency log with Go's own implementations
// (golang.org/x/mod/sumdb/note and sumdb/tlog), independent of the registry's Java code:
//
//	tlogcheck <registry URL> <file with an earlier signed checkpoint> [<witness cosigner key>...]
//
// With witness keys (C2SP tlog-cosignature Ed25519 keys, type 0x04), it also requires the served
// checkpoint to carry a valid cosignature/v1 by each. sumdb/note's NewVerifier knows only type 0x01
// and refuses them (checked below), so the cosignature Verifier is written here on crypto/ed25519 and
// handed to note.Open, which matches signature lines by name and key hash as for any key.
//
// It checks the checkpoint's signature with the served verifier key, the earlier checkpoint's
// signature and its consistency proof to the current one, every entry's inclusion proof, and the
// tiles: Go's TileHashReader authenticates them against the root, and proofs Go derives from them
// must equal the served ones. Prints one line per check; exits 1 with the reason on the first failure.
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

var base string

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "tlogcheck: "+format+"\n", args...)
	os.Exit(1)
}

func get(path string) []byte {
	resp, err := http.Get(base + path)
	if err != nil {
		fail("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		fail("GET %s: %v", path, err)
	}
	if resp.StatusCode != 200 {
		fail("GET %s: status %d: %s", path, resp.StatusCode, body)
	}
	return body
}

type checkpoint struct {
	origin string
	size   int64
	root   tlog.Hash
}

// open verifies a signed checkpoint with the log's key and parses its text (C2SP tlog-checkpoint).
func open(msg []byte, verifier note.Verifier) checkpoint {
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fail("checkpoint signature: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 {
		fail("checkpoint text has %d lines", len(lines))
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("checkpoint size: %v", err)
	}
	raw, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(raw) != tlog.HashSize {
		fail("checkpoint root hash: %q", lines[2])
	}
	var root tlog.Hash
	copy(root[:], raw)
	return checkpoint{lines[0], size, root}
}

func hashes(path string) []tlog.Hash {
	var proof struct {
		Hashes []string `json:"hashes"`
	}
	if err := json.Unmarshal(get(path), &proof); err != nil {
		fail("%s: %v", path, err)
	}
	out := make([]tlog.Hash, len(proof.Hashes))
	for i, h := range proof.Hashes {
		raw, err := base64.StdEncoding.DecodeString(h)
		if err != nil || len(raw) != tlog.HashSize {
			fail("%s: hash %q", path, h)
		}
		copy(out[i][:], raw)
	}
	return out
}

// tiles reads C2SP tiles from the registry: Go's tile path is tile/<H>/<L>/<N>[.p/<W>], the C2SP
// path the same without the height.
type tiles struct{}

func (tiles) Height() int { return 8 }

func (tiles) ReadTiles(ts []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(ts))
	for i, t := range ts {
		p := t.Path()
		out[i] = get("/tlog/tile/" + strings.TrimPrefix(p, "tile/8/"))
	}
	return out, nil
}

func (tiles) SaveTiles([]tlog.Tile, [][]byte) {}

// entries reads every entry from the entry bundles (2-byte big-endian length, then the bytes).
func entries(size int64) [][]byte {
	var out [][]byte
	for n := int64(0); n*256 < size; n++ {
		w := size - n*256
		t := tlog.Tile{H: 8, L: 0, N: n, W: 256}
		if w < 256 {
			t.W = int(w)
		}
		path := strings.Replace(strings.TrimPrefix(t.Path(), "tile/8/0/"), "", "", 1)
		data := get("/tlog/tile/entries/" + path)
		for len(data) > 0 {
			if len(data) < 2 {
				fail("entry bundle %s ends inside a length", path)
			}
			l := int(binary.BigEndian.Uint16(data))
			if len(data) < 2+l {
				fail("entry bundle %s ends inside an entry", path)
			}
			out = append(out, data[2:2+l])
			data = data[2+l:]
		}
	}
	if int64(len(out)) != size {
		fail("entry bundles hold %d entries, the checkpoint says %d", len(out), size)
	}
	return out
}

// cosigner verifies C2SP cosignature/v1 (Ed25519) signatures: 8-byte big-endian time || signature over
// "cosignature/v1\ntime <time>\n" || note text.
type cosigner struct {
	name string
	hash uint32
	key  ed25519.PublicKey
}

func (c cosigner) Name() string    { return c.name }
func (c cosigner) KeyHash() uint32 { return c.hash }
func (c cosigner) Verify(msg, sig []byte) bool {
	if len(sig) != 8+ed25519.SignatureSize {
		return false
	}
	t := binary.BigEndian.Uint64(sig[:8])
	if t > 1<<63-1 {
		return false
	}
	signed := append([]byte(fmt.Sprintf("cosignature/v1\ntime %d\n", t)), msg...)
	return ed25519.Verify(c.key, signed, sig[8:])
}

func newCosigner(vkey string) cosigner {
	parts := strings.SplitN(vkey, "+", 3)
	if len(parts) != 3 {
		fail("cosigner key %q: not <name>+<hash>+<key>", vkey)
	}
	raw, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil || len(raw) != 33 || raw[0] != 0x04 {
		fail("cosigner key %q: not base64 of 0x04 and a 32-byte key", vkey)
	}
	h := sha256.New()
	h.Write([]byte(parts[0] + "\n"))
	h.Write(raw)
	sum := h.Sum(nil)
	hash := binary.BigEndian.Uint32(sum[:4])
	if fmt.Sprintf("%08x", hash) != parts[1] {
		fail("cosigner key %q: key hash is %08x", vkey, hash)
	}
	return cosigner{parts[0], hash, ed25519.PublicKey(raw[1:])}
}

func main() {
	if len(os.Args) < 3 {
		fail("usage: tlogcheck <registry URL> <earlier checkpoint file> [<witness cosigner key>...]")
	}
	base = strings.TrimSuffix(os.Args[1], "/")
	vkey := strings.TrimSpace(string(get("/tlog/key")))
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		fail("verifier key %q: %v", vkey, err)
	}
	fmt.Printf("ok key %s\n", verifier.Name())

	served := get("/tlog/checkpoint")
	now := open(served, verifier)
	fmt.Printf("ok checkpoint %s size %d signature verified\n", now.origin, now.size)
	if len(os.Args) > 3 {
		verifiers := []note.Verifier{verifier}
		for _, vkey := range os.Args[3:] {
			if _, err := note.NewVerifier(vkey); err == nil {
				fail("sumdb/note accepted the cosignature key %q as a note key", vkey)
			} else {
				fmt.Printf("ok sumdb/note refuses the type 0x04 key as a note verifier key (%v)\n", err)
			}
			verifiers = append(verifiers, newCosigner(vkey))
		}
		n, err := note.Open(served, note.VerifierList(verifiers...))
		if err != nil {
			fail("cosigned checkpoint: %v", err)
		}
		if len(n.Sigs) != len(verifiers) {
			fail("cosigned checkpoint: %d of %d signatures verified (unverified: %d)", len(n.Sigs), len(verifiers), len(n.UnverifiedSigs))
		}
		for _, sig := range n.Sigs[1:] {
			fmt.Printf("ok cosignature %s\n", sig.Name)
		}
	}
	if now.origin != verifier.Name() {
		fail("origin %q is not the key's name %q", now.origin, verifier.Name())
	}

	earlierMsg, err := os.ReadFile(os.Args[2])
	if err != nil {
		fail("%v", err)
	}
	earlier := open(earlierMsg, verifier)
	consistency := hashes(fmt.Sprintf("/tlog/proof/consistency?from=%d&to=%d", earlier.size, now.size))
	if err := tlog.CheckTree(consistency, now.size, now.root, earlier.size, earlier.root); err != nil {
		fail("consistency %d -> %d: %v", earlier.size, now.size, err)
	}
	fmt.Printf("ok consistency %d -> %d (%d hashes)\n", earlier.size, now.size, len(consistency))

	// tiles, authenticated by Go against the root
	reader := tlog.TileHashReader(tlog.Tree{N: now.size, Hash: now.root}, tiles{})
	th, err := tlog.TreeHash(now.size, reader)
	if err != nil || th != now.root {
		fail("tree hash from tiles: %v", err)
	}
	fromTiles, err := tlog.ProveTree(now.size, earlier.size, reader)
	if err != nil {
		fail("consistency proof from tiles: %v", err)
	}
	if len(fromTiles) != len(consistency) {
		fail("the served consistency proof differs from the one the tiles give")
	}
	for i := range fromTiles {
		if fromTiles[i] != consistency[i] {
			fail("the served consistency proof differs from the one the tiles give at %d", i)
		}
	}
	fmt.Printf("ok tiles give the root and the same consistency proof\n")

	all := entries(now.size)
	for i, e := range all {
		leaf := tlog.RecordHash(e)
		proof := hashes(fmt.Sprintf("/tlog/proof/inclusion?index=%d&size=%d", i, now.size))
		if err := tlog.CheckRecord(proof, now.size, now.root, int64(i), leaf); err != nil {
			fail("inclusion of entry %d: %v", i, err)
		}
		stored, err := reader.ReadHashes([]int64{tlog.StoredHashIndex(0, int64(i))})
		if err != nil || stored[0] != leaf {
			fail("entry %d: its leaf hash is not the level-0 tile's: %v", i, err)
		}
		if i%37 == 0 || i == len(all)-1 {
			fromTiles, err := tlog.ProveRecord(now.size, int64(i), reader)
			if err != nil {
				fail("inclusion proof from tiles: %v", err)
			}
			if len(fromTiles) != len(proof) {
				fail("entry %d: the served inclusion proof differs from the tiles'", i)
			}
			for j := range proof {
				if proof[j] != fromTiles[j] {
					fail("entry %d: the served inclusion proof differs from the tiles' at %d", i, j)
				}
			}
		}
		if !bytes.HasPrefix(e, []byte("asterai-log-v1 ")) {
			fail("entry %d does not start with asterai-log-v1", i)
		}
	}
	fmt.Printf("ok inclusion of all %d entries, leaf hashes match the tiles\n", len(all))
}
