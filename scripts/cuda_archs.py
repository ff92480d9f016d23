#!/usr/bin/env python3
"""List the CUDA code embedded in ELF (.so) or PE (.dll) files.

Usage: cuda_archs.py [--json OUT] [--scan] FILE...

Prints one line per file (its SASS and PTX architectures); --json writes every
detail. docs/spark-and-gpu.md ("What the natives carry") runs it on ND4J's jars.

Finds fat-binary containers (magic 0xBA55ED50) in
  * ELF: the section `.nv_fatbin` (and any other section holding the magic),
  * PE : sections whose name starts with `.nv_fat` (PE names are 8 chars:
         `.nv_fatb`), else a whole-file scan,
  * --scan: additionally a whole-file scan for the magic, to check that the
         section walk did not miss containers.

Layout used (little endian), cross-checked against the public parsers
n-eiling/cuda-fatbin-decompression (fatbin-decompress.h), cricket
(cpu-elf2.c) and GrigoryEvko/nvopen-tools fatbin/FORMAT_SPECIFICATION.md:

  container header (16 bytes):
    0  u32 magic        0xBA55ED50
    4  u16 version      1
    6  u16 header_size  16
    8  u64 fat_size     bytes of entries+payloads that follow the header
  entry header (header_size bytes, 64 for CUDA 11):
    0  u16 kind         1 = PTX, 2 = ELF (cubin/SASS)
    2  u16 unknown      (0x0101)
    4  u32 header_size  64
    8  u64 payload_size bytes of payload after the entry header (8-aligned)
   16  u32 compressed_size (0 when not compressed)
   20  u32 unknown
   24  u16 minor, 26 u16 major   code version (ELF: cubin ABI, PTX: ISA)
   28  u32 arch         e.g. 80 = sm_80 / compute_80
   32  u32 obj_name_offset, 36 u32 obj_name_len
   40  u64 flags        0x1 64-bit, 0x2 debug, 0x10 linux host,
                        0x2000 compressed (CUDA <= 12), 0x8000 (newer, zstd)
   48  u64 zero
   56  u64 decompressed_size
  next entry = entry + header_size + payload_size

Cross-checks done per entry on the payload itself (for compressed entries,
flag 0x2000, the first bytes are LZ4-block-decoded first; zstd, flag 0x8000,
is not decoded):
  ELF payload: starts with \\x7fELF, e_machine 190 (EM_CUDA), e_flags & 0xff
               is the SASS arch, (e_flags >> 16) & 0xff the virtual arch
               (newer cubins, OSABI 0x41 as nvcc 13.0 writes: (e_flags >> 8) & 0xff).
  PTX payload: `.target sm_XX` and `.version X.Y` directives.
"""
import collections
import json
import mmap
import re
import struct
import sys

MAGIC = 0xBA55ED50
MAGIC_B = struct.pack('<I', MAGIC)
WRAP_MAGIC = 0x466243B1
KIND = {1: 'ptx', 2: 'elf'}
F_COMPRESS_OLD = 0x2000
F_COMPRESS_NEW = 0x8000


def elf_sections(m):
    if m[:4] != b'\x7fELF' or m[4] != 2:
        return None
    shoff, = struct.unpack_from('<Q', m, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', m, 0x3A)
    secs = []
    for i in range(shnum):
        o = shoff + i * shentsize
        name, typ, flags, addr, off, size = struct.unpack_from('<IIQQQQ', m, o)
        secs.append([name, typ, addr, off, size])
    stro = secs[shstrndx][3]
    out = []
    for name, typ, addr, off, size in secs:
        end = m.find(b'\0', stro + name)
        out.append(dict(name=m[stro + name:end].decode(), type=typ,
                        addr=addr, off=off, size=size))
    return out


def pe_sections(m):
    if m[:2] != b'MZ':
        return None
    pe, = struct.unpack_from('<I', m, 0x3C)
    if m[pe:pe + 4] != b'PE\0\0':
        return None
    nsec, = struct.unpack_from('<H', m, pe + 6)
    optsz, = struct.unpack_from('<H', m, pe + 20)
    imagebase, = struct.unpack_from('<Q', m, pe + 24 + 24)  # PE32+
    o = pe + 24 + optsz
    out = []
    for i in range(nsec):
        name = m[o:o + 8].rstrip(b'\0').decode('latin1')
        vsize, vaddr, rawsize, rawoff = struct.unpack_from('<IIII', m, o + 8)
        out.append(dict(name=name, addr=imagebase + vaddr, off=rawoff,
                        size=min(vsize, rawsize) if vsize else rawsize,
                        rawsize=rawsize))
        o += 40
    return out


def parse_entry(m, p):
    (kind, unk, hsz, psz, csz, unk2, minor, major, arch, noff, nlen, flags,
     zero, dsz) = struct.unpack_from('<HHIQIIHHIIIQQQ', m, p)
    return dict(kind=kind, unk=unk, hsz=hsz, psz=psz, csz=csz, minor=minor,
                major=major, arch=arch, flags=flags, dsz=dsz)


def lz4_block_prefix(src, want):
    """Decode the first `want` bytes of an LZ4 *block* (the scheme nvcc
    uses for flag 0x2000, as documented by cuda-fatbin-decompression):
    token = literal-length nibble | (match-length - 4) nibble, 255-run
    length extensions, then a u16 little-endian back offset."""
    out = bytearray()
    i, n = 0, len(src)
    while i < n and len(out) < want:
        tok = src[i]; i += 1
        lit = tok >> 4
        if lit == 15:
            while True:
                b = src[i]; i += 1; lit += b
                if b != 255:
                    break
        out += src[i:i + lit]; i += lit
        if i >= n or len(out) >= want:
            break
        off = src[i] | (src[i + 1] << 8); i += 2
        ml = (tok & 15) + 4
        if (tok & 15) == 15:
            while True:
                b = src[i]; i += 1; ml += b
                if b != 255:
                    break
        if off == 0 or off > len(out):
            raise ValueError('bad lz4 offset')
        for _ in range(ml):
            out.append(out[-off])
    return bytes(out[:want])


def payload_head(m, e, data, want):
    """First `want` bytes of the (decompressed) payload, or None."""
    if e['flags'] & F_COMPRESS_NEW:
        return None  # zstd (CUDA 12.8+); not needed for CUDA 11 builds
    if e['flags'] & F_COMPRESS_OLD:
        csz = e['csz'] or e['psz']
        try:
            return lz4_block_prefix(bytes(m[data:data + min(csz, 1 << 16)]), want)
        except (ValueError, IndexError):
            return b''
    return bytes(m[data:data + min(e['psz'], want)])


def check_payload(m, e, data):
    """Return (ok, note): does the payload itself confirm the header arch?"""
    want = 64 if e['kind'] == 2 else 4096
    head = payload_head(m, e, data, want)
    if head is None:
        return None
    if e['kind'] == 2:
        if head[:4] != b'\x7fELF' or len(head) < 52:
            return (False, 'no ELF magic')
        mach, = struct.unpack_from('<H', head, 18)
        eflags, = struct.unpack_from('<I', head, 48)
        if head[7] == 0x41:  # newer cubins (OSABI 0x41, as nvcc 13.0 writes them) keep the arch in bits 8-15
            sm, vsm = (eflags >> 8) & 0xff, (eflags >> 8) & 0xff
        else:
            sm, vsm = eflags & 0xff, (eflags >> 16) & 0xff
        return (mach == 190 and sm == e['arch'],
                'e_machine=%d sm=%d virt=%d' % (mach, sm, vsm))
    if e['kind'] == 1:
        t = re.search(rb'\.target\s+sm_(\d+)', head)
        v = re.search(rb'\.version\s+(\d+)\.(\d+)', head)
        if not t:
            return (False, 'no .target')
        return (int(t.group(1)) == e['arch'],
                'target=sm_%s version=%s' % (t.group(1).decode(),
                                             v.group(0).decode() if v else '?'))
    return (False, 'unknown kind')


def walk_container(m, c, limit, stats):
    magic, ver, hsz, fsz = struct.unpack_from('<IHHQ', m, c)
    assert magic == MAGIC, hex(magic)
    end = c + hsz + fsz
    if ver != 1 or hsz != 16 or end > limit:
        stats['bad_containers'] += 1
        return c + 8
    p = c + hsz
    while p + 64 <= end:
        e = parse_entry(m, p)
        if e['hsz'] < 64 or e['kind'] not in KIND:
            stats['bad_entries'] += 1
            break
        data = p + e['hsz']
        k = KIND[e['kind']]
        stats['entries'][(k, e['arch'])] += 1
        stats['versions'][(k, e['arch'], '%d.%d' % (e['major'], e['minor']))] += 1
        stats['flags'][(k, hex(e['flags']))] += 1
        stats['payload_bytes'][k] += e['psz']
        comp = bool(e['flags'] & (F_COMPRESS_OLD | F_COMPRESS_NEW))
        stats['compressed'][(k, comp)] += 1
        if comp:
            stats['decompressed_bytes'][k] += e['dsz']
        chk = check_payload(m, e, data)
        if chk is not None:
            stats['checked'][(k, chk[0])] += 1
            if not chk[0] and len(stats['check_fail']) < 5:
                stats['check_fail'].append((p, chk[1]))
            if k == 'ptx':
                stats['ptx_detail'][chk[1]] += 1
            else:
                stats['elf_detail'][chk[1]] += 1
        p = data + e['psz']
    if p != end:
        stats['misaligned_end'] += 1
    stats['containers'] += 1
    return end


def walk_region(m, start, size, stats):
    """Walk consecutive containers in [start, start+size)."""
    limit = start + size
    p = start
    starts = []
    while p < limit:
        q = m.find(MAGIC_B, p, limit)
        if q < 0:
            break
        if any(m[p:q]):  # non-zero gap: note it
            stats['nonzero_gaps'] += 1
        starts.append(q)
        p = walk_container(m, q, limit, stats)
    return starts


def new_stats():
    return dict(containers=0, bad_containers=0, bad_entries=0,
                misaligned_end=0, nonzero_gaps=0,
                entries=collections.Counter(), versions=collections.Counter(),
                flags=collections.Counter(), compressed=collections.Counter(),
                checked=collections.Counter(), check_fail=[],
                ptx_detail=collections.Counter(),
                elf_detail=collections.Counter(),
                payload_bytes=collections.Counter(),
                decompressed_bytes=collections.Counter())


def fmt(stats):
    def archs(kind):
        return sorted(a for (k, a) in stats['entries'] if k == kind)
    pre = {'elf': 'sm_', 'ptx': 'compute_'}
    r = dict(containers=stats['containers'])
    for k in ('elf', 'ptx'):
        r[k + '_archs'] = [pre[k] + str(a) for a in archs(k)]
        r[k + '_count_per_arch'] = {pre[k] + str(a): stats['entries'][(k, a)]
                                    for a in archs(k)}
        r[k + '_payload_bytes'] = stats['payload_bytes'][k]
        r[k + '_compressed'] = stats['compressed'][(k, True)]
        r[k + '_uncompressed'] = stats['compressed'][(k, False)]
        r[k + '_decompressed_bytes_of_compressed'] = stats['decompressed_bytes'][k]
    r['code_versions'] = {'%s %s%d v%s' % (k, pre[k], a, v): n
                          for (k, a, v), n in sorted(stats['versions'].items())}
    r['flags'] = {'%s %s' % kf: n for kf, n in sorted(stats['flags'].items())}
    r['payload_checks'] = {'%s ok=%s' % kc: n
                           for kc, n in sorted(stats['checked'].items())}
    r['ptx_directives'] = dict(stats['ptx_detail'].most_common(20))
    r['elf_headers'] = dict(stats['elf_detail'].most_common(20))
    for k in ('bad_containers', 'bad_entries', 'misaligned_end',
              'nonzero_gaps', 'check_fail'):
        if stats[k]:
            r[k] = stats[k]
    return r


def analyse(path, scan=False):
    with open(path, 'rb') as f:
        m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    res = dict(file=path, size=len(m))
    secs = elf_sections(m)
    fmt_name = 'ELF'
    if secs is None:
        secs = pe_sections(m)
        fmt_name = 'PE' if secs is not None else 'raw'
    res['format'] = fmt_name
    stats = new_stats()
    sec_starts = set()
    regions = []
    if secs:
        for s in secs:
            if s.get('type') == 8:  # SHT_NOBITS
                continue
            if s['size'] and m.find(MAGIC_B, s['off'], s['off'] + s['size']) >= 0:
                regions.append(s)
        res['sections_with_magic'] = {s['name']: s['size'] for s in regions}
        fat = [s for s in regions if s['name'].startswith('.nv_fat')]
        # Only walk .nv_fat* sections; other sections holding the magic bytes
        # (e.g. libcudart's own code/data) are reported but not walked unless
        # the magic is at a real container header (checked by walk).
        for s in (fat or regions):
            sec_starts.update(walk_region(m, s['off'], s['size'], stats))
        res['walked_sections'] = [s['name'] for s in (fat or regions)]
    else:
        sec_starts.update(walk_region(m, 0, len(m), stats))
    # Wrappers (__fatBinC_Wrapper_t, magic 0x466243B1) point at containers.
    # ELF: .nvFatBinSegment / .nv_fatbin; PE: 8-char names .nvFatBi / .nv_fatb
    if secs:
        seg = [s for s in secs if s['name'] in ('.nvFatBinSegment', '.nvFatBi')]
        fb = [s for s in secs if s['name'] in ('.nv_fatbin', '.nv_fatb')]
        if seg and fb:
            s, b = seg[0], fb[0]
            n = ok = 0
            for o in range(s['off'], s['off'] + s['size'], 24):
                mg, ver, ptr, _ = struct.unpack_from('<IIQQ', m, o)
                if mg != WRAP_MAGIC:
                    continue
                n += 1
                off = ptr - b['addr'] + b['off']
                if off in sec_starts:
                    ok += 1
            res['wrappers'] = dict(count=n, pointing_at_parsed_containers=ok)
    res['summary'] = fmt(stats)
    if scan:
        st2 = new_stats()
        allstarts = walk_region(m, 0, len(m), st2)
        res['whole_file_scan'] = dict(
            magic_hits_walked=len(allstarts),
            outside_sections=len(set(allstarts) - sec_starts),
            elf_archs=fmt(st2)['elf_count_per_arch'],
            ptx_archs=fmt(st2)['ptx_count_per_arch'])
    return res


def main(argv):
    out = None
    scan = False
    files = []
    usage = 'usage: cuda_archs.py [--json OUT] [--scan] FILE...'
    it = iter(argv)
    for a in it:
        if a == '--json':
            out = next(it, None)
            if out is None:
                sys.exit(usage)
        elif a == '--scan':
            scan = True
        else:
            files.append(a)
    if not files:
        sys.exit(usage)
    results = []
    for f in files:
        try:
            results.append(analyse(f, scan))
        except (OSError, ValueError) as e:  # a missing or empty file (mmap refuses size 0)
            sys.exit('error: %s: %s' % (f, e))
    if out:
        with open(out, 'w') as f:
            f.write(json.dumps(results, indent=1))
    for r in results:
        s = r['summary']
        failed = sum(n for k, n in s['payload_checks'].items() if k.endswith('ok=False'))
        print('%s: SASS %s; PTX %s; %d containers%s%s' % (
            r['file'], ' '.join(s['elf_archs']) or 'none',
            ' '.join(s['ptx_archs']) or 'none', s['containers'],
            '' if r['format'] != 'raw' else ' (not an ELF or PE file: the whole file scanned)',
            '' if not failed else '; %d entries whose payload did not confirm the header (see --json)' % failed))


if __name__ == '__main__':
    main(sys.argv[1:])
