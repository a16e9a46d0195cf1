module dealbot

go 1.26

require (
	github.com/google/go-cmp v0.7.0
	github.com/joho/godotenv v1.5.1
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/net v0.41.0
)
