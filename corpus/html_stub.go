package corpus

// TEMPORARY until html.go lands.
func parseHTML(data []byte, pageURL string) (Article, error) { return Article{}, ErrNoArticle }

