package corpus

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed gazetteer.txt
var builtinGazetteer string

// Entity is a company, person or publication known by name.
type Entity struct {
	Name    string     `json:"name"`
	Kind    EntityKind `json:"kind"`
	Media   bool       `json:"media,omitempty"` // a publication: speaks, never a deal party
	Aliases []string   `json:"aliases,omitempty"`
}

// Gazetteer maps the names of known companies, people and publications,
// and their aliases, to canonical entities. The zero value knows no names;
// Names returns one that knows the built-in list.
type Gazetteer struct {
	byAlias  map[string]int // alias → index into entities
	byFold   map[string]int // lower-cased alias of five letters or more → index
	entities []Entity
	longest  int // most words in an alias
}

// Names returns a gazetteer with dealbot's built-in list of names.
func Names() *Gazetteer {
	g := &Gazetteer{}
	if err := g.Read(strings.NewReader(builtinGazetteer)); err != nil {
		panic(fmt.Sprintf("corpus: built-in gazetteer: %v", err)) // caught by tests
	}
	return g
}

// LoadNames reads a gazetteer file (see gazetteer.txt for its format) into
// g. A missing file is not an error: the data folder's names.txt is
// optional.
func (g *Gazetteer) LoadNames(path string) error {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if err := g.Read(f); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Read adds the entities of a gazetteer in text form: one a line,
// "KIND | Canonical | alias | …", KIND being org, person or media; blank
// lines and lines starting with # are ignored. A name already known gains
// the new aliases.
func (g *Gazetteer) Read(r io.Reader) error {
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "|")
		if len(fields) < 2 {
			return fmt.Errorf("line %d: want KIND | Name | aliases…", n)
		}
		e := Entity{Name: collapseSpace(fields[1])}
		switch strings.ToLower(strings.TrimSpace(fields[0])) {
		case "org", "organization", "organisation", "company":
			e.Kind = Organization
		case "media", "publication":
			e.Kind, e.Media = Organization, true
		case "person":
			e.Kind = Person
		default:
			return fmt.Errorf("line %d: kind %q is not org, person or media", n, strings.TrimSpace(fields[0]))
		}
		if e.Name == "" {
			return fmt.Errorf("line %d: the name is empty", n)
		}
		for _, a := range fields[2:] {
			if a = collapseSpace(a); a != "" {
				e.Aliases = append(e.Aliases, a)
			}
		}
		g.add(e)
	}
	return sc.Err()
}

func (g *Gazetteer) add(e Entity) {
	if g.byAlias == nil {
		g.byAlias, g.byFold = map[string]int{}, map[string]int{}
	}
	i, ok := g.byAlias[e.Name]
	if !ok {
		i = len(g.entities)
		g.entities = append(g.entities, Entity{Name: e.Name, Kind: e.Kind, Media: e.Media})
	}
	for _, name := range append([]string{e.Name}, e.Aliases...) {
		if _, taken := g.byAlias[name]; taken && name != e.Name {
			continue
		}
		g.byAlias[name] = i
		if utf8.RuneCountInString(name) > 4 {
			if _, taken := g.byFold[strings.ToLower(name)]; !taken {
				g.byFold[strings.ToLower(name)] = i
			}
		}
		if name != e.Name {
			g.entities[i].Aliases = append(g.entities[i].Aliases, name)
		}
		if w := len(strings.Fields(name)); w > g.longest {
			g.longest = w
		}
	}
}

// Lookup returns the entity a name stands for: its canonical name, an alias,
// or either with a legal suffix ("Microsoft Corp."). Matching is exact on
// the words, except that case is ignored for names of more than four
// letters ("NVIDIA", "Nvidia").
func (g *Gazetteer) Lookup(name string) (Entity, bool) {
	if g == nil || g.byAlias == nil {
		return Entity{}, false
	}
	name = collapseSpace(name)
	for _, n := range []string{name, stripLegalSuffix(name)} {
		if i, ok := g.byAlias[n]; ok {
			return g.entities[i], true
		}
		if i, ok := g.byFold[strings.ToLower(n)]; ok && utf8.RuneCountInString(n) > 4 {
			return g.entities[i], true
		}
	}
	return Entity{}, false
}

// Entities returns every entity the gazetteer knows, in the order added.
func (g *Gazetteer) Entities() []Entity {
	if g == nil {
		return nil
	}
	return append([]Entity(nil), g.entities...)
}

// BaseName returns a name without its legal suffix and with single
// spaces: "Microsoft  Corp." → "Microsoft".
func BaseName(name string) string {
	return stripLegalSuffix(collapseSpace(name))
}

// legalSuffixes end company names without being part of what people call
// them.
var legalSuffixes = []string{
	"Inc.", "Inc", "Incorporated", "Corp.", "Corp", "Corporation", "Co.", "Ltd.", "Ltd", "Limited",
	"LLC", "L.L.C.", "Plc", "plc", "PLC", "AG", "SA", "S.A.", "SE", "NV", "N.V.", "GmbH", "LP", "L.P.",
	"Pte", "Pty", "BV", "B.V.", "AB", "ASA", "Oy", "S.p.A.", "KK",
}

// stripLegalSuffix removes a trailing legal suffix and the comma before it:
// "Halcyon Compute, Inc." → "Halcyon Compute".
func stripLegalSuffix(name string) string {
	last := name
	if i := strings.LastIndexAny(name, " ,"); i >= 0 {
		last = name[i+1:]
	}
	if !isLegalSuffix(strings.TrimSpace(last)) {
		return strings.TrimSpace(name)
	}
	for {
		trimmed := strings.TrimSpace(name)
		cut := false
		for _, s := range legalSuffixes {
			if strings.HasSuffix(trimmed, " "+s) || strings.HasSuffix(trimmed, ","+s) {
				trimmed = strings.TrimRight(strings.TrimSuffix(trimmed, s), " ,")
				cut = true
				break
			}
		}
		if !cut || trimmed == "" {
			return strings.TrimSpace(name)
		}
		name = trimmed
	}
}

// isLegalSuffix reports whether a word is a legal suffix.
func isLegalSuffix(w string) bool {
	if w == "" || len(w) > 9 {
		return false
	}
	for _, s := range legalSuffixes {
		if w == s {
			return true
		}
	}
	return false
}

// isCapitalized reports whether a word starts with an upper-case letter or
// is a name such as "xAI" or "eBay" (lower-case then upper-case).
func isCapitalized(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return true
	}
	if unicode.IsLower(r) {
		for _, r2 := range w[n:] {
			if unicode.IsUpper(r2) {
				return true
			}
		}
	}
	return false
}
