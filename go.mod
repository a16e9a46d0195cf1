module dealbot

go 1.26

require (
	codeberg.org/readeck/go-readability/v2 v2.1.3
	github.com/google/go-cmp v0.7.0
	github.com/joho/godotenv v1.5.1
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/net v0.41.0
	golang.org/x/text v0.26.0
)

require (
	github.com/andybalholm/cascadia v1.3.3 // indirect
	github.com/go-shiori/dom v0.0.0-20230515143342-73569d674e1c // indirect
	github.com/gogs/chardet v0.0.0-20211120154057-b7413eaefb8f // indirect
	github.com/itlightning/dateparse v0.2.1 // indirect
)
