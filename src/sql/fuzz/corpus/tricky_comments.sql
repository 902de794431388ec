SELECT 1 /* block ; comment */ + 2 # hash comment
; SELECT 3 -- dash comment
;