graph [
  directed 1
  multigraph 1
  name "demo"
  node [
    id 0
    label "&#197;sa &#214;berg"
    kind "person"
    age 34
    score 0.25
    elite 1
    tags "a"
    tags "b"
    one "_networkx_list_start"
    one 7
    pos [
      x 1.5
      y -2.0
    ]
  ]
  node [
    id 1
    label "Albizzi &#38; &#34;Co&#34;"
    kind "organisation"
    age 120
    score 1.0
    elite 0
  ]
  node [
    id 2
    label "plain"
  ]
  edge [
    source 0
    target 1
    key 0
    weight 0.5
    layer "trust"
  ]
  edge [
    source 0
    target 1
    key 1
    weight 2.0
    layer "collaboration"
  ]
  edge [
    source 1
    target 2
    key 0
    weight 1.0
    since 2019
  ]
]
