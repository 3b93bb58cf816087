# The smallest Linux program that says something: write(1, "Hi!\n", 4); exit(0).
# The four bytes of the message are pushed as one immediate: 0x0A216948 = 'H' 'i' '!' '\n' in memory order.
        .globl _start
        .text
_start:
        push    $0xA216948          # "Hi!\n" on the stack
        mov     $1, %eax            # write
        mov     $1, %edi            #   fd 1
        mov     %rsp, %rsi          #   buf = rsp
        mov     $4, %edx            #   4 bytes
        syscall
        mov     $60, %eax           # exit
        xor     %edi, %edi          #   status 0
        syscall
