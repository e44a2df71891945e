namespace Stencil.Isa.S390x;

/// <summary>
/// Every s390x instruction the backend knows, as data: <c>mnemonic format opcode [signature]</c> per line (the
/// signature, one letter per slot, only where it differs from the format's; <c>slot=value</c> fixes a slot, as the
/// short forms without a rounding mode do), then the extended mnemonics that
/// fix a condition mask. Read once into lookups by mnemonic (assembling) and by opcode (decoding).
/// </summary>
internal static partial class S390xOpcodes
{
    private const string Instructions = """
        # Loads and stores
        lr RR 18
        lgr RRE B904
        lbr RRE B926
        lhr RRE B927
        lgbr RRE B906
        lghr RRE B907
        lgfr RRE B914
        llcr RRE B994
        llhr RRE B995
        llgcr RRE B984
        llghr RRE B985
        llgfr RRE B916
        ltr RR 12
        ltgr RRE B902
        ltgfr RRE B912
        l RX-a 58
        ly RXY-a E358
        lg RXY-a E304
        lb RXY-a E376
        lgb RXY-a E377
        lh RX-a 48
        lhy RXY-a E378
        lgh RXY-a E315
        lgf RXY-a E314
        llc RXY-a E394
        llgc RXY-a E390
        llh RXY-a E395
        llgh RXY-a E391
        llgf RXY-a E316
        lrvh RXY-a E31F
        lrv RXY-a E31E
        lrvg RXY-a E30F
        lrvr RRE B91F
        lrvgr RRE B90F
        ic RX-a 43
        icy RXY-a E373
        icm RS-b BF
        icmy RSY-b EB81
        lrl RIL-b C4D
        lhrl RIL-b C45
        llhrl RIL-b C42
        lgrl RIL-b C48
        lghrl RIL-b C44
        llghrl RIL-b C46
        lgfrl RIL-b C4C
        llgfrl RIL-b C4E
        st RX-a 50
        sty RXY-a E350
        stg RXY-a E324
        stc RX-a 42
        stcy RXY-a E372
        sth RX-a 40
        sthy RXY-a E370
        strvh RXY-a E33F
        strv RXY-a E33E
        strvg RXY-a E32F
        strl RIL-b C4F
        sthrl RIL-b C47
        stgrl RIL-b C4B
        lm RS-a 98
        lmy RSY-a EB98
        lmg RSY-a EB04
        stm RS-a 90
        stmy RSY-a EB90
        stmg RSY-a EB24
        mvi SI 92
        mviy SIY EB52
        mvhhi SIL E544
        mvhi SIL E54C
        mvghi SIL E548
        la RX-a 41
        lay RXY-a E371
        larl RIL-b C00
        lxag RXY-a E366
        lxaq RXY-a E368
        llxaf RXY-a E365
        llxah RXY-a E363
        # Immediates
        lhi RI-a A78
        lghi RI-a A79
        lgfi RIL-a C01
        iilf RIL-a C09 ru
        iihf RIL-a C08 ru
        llilf RIL-a C0F ru
        llihf RIL-a C0E ru
        iill RI-a A53 ru
        iilh RI-a A52 ru
        iihl RI-a A51 ru
        iihh RI-a A50 ru
        llill RI-a A5F ru
        llilh RI-a A5E ru
        llihl RI-a A5D ru
        llihh RI-a A5C ru
        # Conditional loads and stores (the mask also as extended mnemonics below)
        locr RRF-c B9F2
        locgr RRF-c B9E2
        lochi RIE-g EC42
        locghi RIE-g EC46
        loc RSY-b EBF2
        locg RSY-b EBE2
        stoc RSY-b EBF3
        stocg RSY-b EBE3
        # Arithmetic
        ar RR 1A
        agr RRE B908
        agfr RRE B918
        ark RRF-a B9F8
        agrk RRF-a B9E8
        alr RR 1E
        algr RRE B90A
        algfr RRE B91A
        alrk RRF-a B9FA
        algrk RRF-a B9EA
        alcgr RRE B988
        sr RR 1B
        sgr RRE B909
        sgfr RRE B919
        srk RRF-a B9F9
        sgrk RRF-a B9E9
        slr RR 1F
        slgr RRE B90B
        slgfr RRE B91B
        slrk RRF-a B9FB
        slgrk RRF-a B9EB
        slbgr RRE B989
        msr RRE B252
        msgr RRE B90C
        msgfr RRE B91C
        msrkc RRF-a B9FD
        msgrkc RRF-a B9ED
        mgrk RRF-a B9EC
        mlr RRE B996
        mlgr RRE B986
        dr RR 1D
        dsgr RRE B90D
        dsgfr RRE B91D
        dlr RRE B997
        dlgr RRE B987
        a RX-a 5A
        ay RXY-a E35A
        ah RX-a 4A
        ahy RXY-a E37A
        ag RXY-a E308
        agh RXY-a E338
        agf RXY-a E318
        al RX-a 5E
        aly RXY-a E35E
        alg RXY-a E30A
        algf RXY-a E31A
        s RX-a 5B
        sy RXY-a E35B
        sh RX-a 4B
        shy RXY-a E37B
        sg RXY-a E309
        sgh RXY-a E339
        sgf RXY-a E319
        sl RX-a 5F
        sly RXY-a E35F
        slg RXY-a E30B
        slgf RXY-a E31B
        ms RX-a 71
        msy RXY-a E351
        mh RX-a 4C
        mhy RXY-a E37C
        msg RXY-a E30C
        mgh RXY-a E33C
        msgf RXY-a E31C
        ahi RI-a A7A
        aghi RI-a A7B
        mhi RI-a A7C
        mghi RI-a A7D
        ahik RIE-d ECD8
        aghik RIE-d ECD9
        alhsik RIE-d ECDA
        alghsik RIE-d ECDB
        afi RIL-a C29
        agfi RIL-a C28
        msfi RIL-a C21
        msgfi RIL-a C20
        alfi RIL-a C2B ru
        algfi RIL-a C2A ru
        slfi RIL-a C25 ru
        slgfi RIL-a C24 ru
        lpr RR 10
        lpgr RRE B900
        lpgfr RRE B910
        lnr RR 11
        lngr RRE B901
        lngfr RRE B911
        lcr RR 13
        lcgr RRE B903
        lcgfr RRE B913
        # Logic
        nr RR 14
        ngr RRE B980
        nrk RRF-a B9F4
        ngrk RRF-a B9E4
        or RR 16
        ogr RRE B981
        ork RRF-a B9F6
        ogrk RRF-a B9E6
        xr RR 17
        xgr RRE B982
        xrk RRF-a B9F7
        xgrk RRF-a B9E7
        nnrk RRF-a B974
        nngrk RRF-a B964
        nork RRF-a B976
        nogrk RRF-a B966
        nxrk RRF-a B977
        nxgrk RRF-a B967
        ncrk RRF-a B9F5
        ncgrk RRF-a B9E5
        ocrk RRF-a B975
        ocgrk RRF-a B965
        n RX-a 54
        ny RXY-a E354
        ng RXY-a E380
        o RX-a 56
        oy RXY-a E356
        og RXY-a E381
        x RX-a 57
        xy RXY-a E357
        xg RXY-a E382
        nill RI-a A57 ru
        nilh RI-a A56 ru
        nihl RI-a A55 ru
        nihh RI-a A54 ru
        oill RI-a A5B ru
        oilh RI-a A5A ru
        oihl RI-a A59 ru
        oihh RI-a A58 ru
        nilf RIL-a C0B ru
        nihf RIL-a C0A ru
        oilf RIL-a C0D ru
        oihf RIL-a C0C ru
        xilf RIL-a C07 ru
        xihf RIL-a C06 ru
        tmll RI-a A71 ru
        tmlh RI-a A70 ru
        tmhl RI-a A73 ru
        tmhh RI-a A72 ru
        # Bits, shifts and rotates
        popcnt RRF-c B9E1 rrU
        flogr RRE B983
        clzg RRE B968
        ctzg RRE B969
        rll RSY-a EB1D
        rllg RSY-a EB1C
        sllk RSY-a EBDF
        sllg RSY-a EB0D
        srlk RSY-a EBDE
        srlg RSY-a EB0C
        srak RSY-a EBDC
        srag RSY-a EB0A
        risbg RIE-f EC55
        risbgn RIE-f EC59
        rnsbg RIE-f EC54
        rosbg RIE-f EC56
        rxsbg RIE-f EC57
        # Comparisons and traps (the trap's mask also as extended mnemonics below)
        cr RR 19
        cgr RRE B920
        cgfr RRE B930
        clr RR 15
        clgr RRE B921
        clgfr RRE B931
        c RX-a 59
        cy RXY-a E359
        ch RX-a 49
        chy RXY-a E379
        cg RXY-a E320
        cgh RXY-a E334
        cgf RXY-a E330
        cl RX-a 55
        cly RXY-a E355
        clg RXY-a E321
        clgf RXY-a E331
        crl RIL-b C6D
        chrl RIL-b C65
        cgrl RIL-b C68
        cghrl RIL-b C64
        cgfrl RIL-b C6C
        clrl RIL-b C6F
        clhrl RIL-b C67
        clgrl RIL-b C6A
        clghrl RIL-b C66
        clgfrl RIL-b C6E
        chi RI-a A7E
        cghi RI-a A7F
        cfi RIL-a C2D
        cgfi RIL-a C2C
        clfi RIL-a C2F ru
        clgfi RIL-a C2E ru
        cli SI 95
        cliy SIY EB55
        chhsi SIL E554
        chsi SIL E55C
        cghsi SIL E558
        crt RRF-c B972
        cgrt RRF-c B960
        clrt RRF-c B973
        clgrt RRF-c B961
        cit RIE-a EC72
        cgit RIE-a EC70
        clfit RIE-a EC73 ruu
        clgit RIE-a EC71 ruu
        # Atomics
        cs RS-a BA
        csy RSY-a EB14
        csg RSY-a EB30
        laa RSY-a EBF8
        laag RSY-a EBE8
        laal RSY-a EBFA
        laalg RSY-a EBEA
        lan RSY-a EBF4
        lang RSY-a EBE4
        lao RSY-a EBF6
        laog RSY-a EBE6
        lax RSY-a EBF7
        laxg RSY-a EBE7
        # Branches and calls (brc, brcl, bcr, bc as extended mnemonics below)
        brc RI-c A74
        brcl RIL-c C04
        bcr RR-m 07
        bc RX-b 47
        bras RI-b A75
        brasl RIL-b C05
        basr RR 0D
        balr RR 05
        brct RI-b A76
        brctg RI-b A77
        bctr RR 06
        bctgr RRE B946
        bsm RR 0B
        bassm RR 0C
        svc I 0A
        # bcr 0,%r7: the two-byte no-op Cranelift emits, printed as it prints it
        nop E 0707
        # Access registers (the thread pointer is a0:a1)
        ear RRE B24F ra
        sar RRE B24E ar
        # Binary floating point
        ler RR 38 ff
        ldr RR 28 ff
        lpdr RR 20 ff
        lper RR 30 ff
        lndr RR 21 ff
        lner RR 31 ff
        lcdr RR 23 ff
        lcer RR 33 ff
        le RX-a 78 fd
        ley RXY-a ED64 fd
        ld RX-a 68 fd
        ldy RXY-a ED65 fd
        ste RX-a 70 fd
        stey RXY-a ED66 fd
        std RX-a 60 fd
        stdy RXY-a ED67 fd
        ldgr RRE B3C1 fr
        lcdfr RRE B373 ff
        lzdr RRE B375 ff 1=0
        lzer RRE B374 ff 1=0
        lpdfr RRE B370 ff
        lndfr RRE B371 ff
        cpsdr RRF-b B372 fffU
        lgdr RRE B3CD rf
        lpebr RRE B300 ff
        lpdbr RRE B310 ff
        lnebr RRE B301 ff
        lndbr RRE B311 ff
        ltebr RRE B302 ff
        ltdbr RRE B312 ff
        lcebr RRE B303 ff
        lcdbr RRE B313 ff
        sqebr RRE B314 ff
        sqdbr RRE B315 ff
        ldebr RRE B304 ff
        aebr RRE B30A ff
        adbr RRE B31A ff
        sebr RRE B30B ff
        sdbr RRE B31B ff
        meebr RRE B317 ff
        mdbr RRE B31C ff
        debr RRE B30D ff
        ddbr RRE B31D ff
        cebr RRE B309 ff
        cdbr RRE B319 ff
        kebr RRE B308 ff
        kdbr RRE B318 ff
        maebr RRD B30E
        madbr RRD B31E
        msebr RRD B30F
        msdbr RRD B31F
        ledbra RRF-e B344
        fiebra RRF-e B357
        fidbra RRF-e B35F
        fiebr RRF-e B357 fufu 3=0
        fidbr RRF-e B35F fufu 3=0
        cefbra RRF-e B394 furu
        cdfbra RRF-e B395 furu
        cxfbra RRF-e B396 furu
        cegbra RRF-e B3A4 furu
        cdgbra RRF-e B3A5 furu
        cxgbra RRF-e B3A6 furu
        celfbr RRF-e B390 furu
        cdlfbr RRF-e B391 furu
        cxlfbr RRF-e B392 furu
        celgbr RRF-e B3A0 furu
        cdlgbr RRF-e B3A1 furu
        cxlgbr RRF-e B3A2 furu
        cfebra RRF-e B398 rufu
        cfdbra RRF-e B399 rufu
        cfxbra RRF-e B39A rufu
        cgebra RRF-e B3A8 rufu
        cgdbra RRF-e B3A9 rufu
        cgxbra RRF-e B3AA rufu
        clfebr RRF-e B39C rufu
        clfdbr RRF-e B39D rufu
        clfxbr RRF-e B39E rufu
        clgebr RRF-e B3AC rufu
        clgdbr RRF-e B3AD rufu
        clgxbr RRF-e B3AE rufu
        # Vector facility (Cranelift's scalar code uses it too: i128, bitcasts, fmin/fmax, conversions);
        # the element-size forms are generated below from these bases
        vl VRX E706
        vst VRX E70E
        vlr VRR-a E756 2=0 3=0 4=0
        vlrep VRX E705 vdu
        vleb VRX E700 vdu
        vleh VRX E701 vdu
        vlef VRX E703 vdu
        vleg VRX E702 vdu
        vsteb VRX E708 vdu
        vsteh VRX E709 vdu
        vstef VRX E70B vdu
        vsteg VRX E70A vdu
        vlbr VRX E606 vdu
        vler VRX E607 vdu
        vstbr VRX E60E vdu
        vster VRX E60F vdu
        vlbrrep VRX E605 vdu
        vlebrh VRX E601 vdu
        vlebrf VRX E603 vdu
        vlebrg VRX E602 vdu
        vstebrh VRX E609 vdu
        vstebrf VRX E60B vdu
        vstebrg VRX E60A vdu
        vlvg VRS-b E722
        vlgv VRS-c E721
        vlvgp VRR-f E762
        vleib VRI-a E740
        vleih VRI-a E741
        vleif VRI-a E743
        vleig VRI-a E742
        vrepi VRI-a E745
        vgbm VRI-a E744 vuu 2=0
        vzero VRI-a E744 vuu 1=0 2=0
        vone VRI-a E744 vuu 1=65535 2=0
        vgm VRI-b E746
        vrep VRI-c E74D
        vsel VRR-e E78D 4=0 5=0
        vperm VRR-e E78C 4=0 5=0
        vpdi VRR-c E784 4=0 5=0
        vblend VRR-d E789 4=0 5=0
        veval VRI-k E788
        vn VRR-c E768 3=0 4=0 5=0
        vo VRR-c E76A 3=0 4=0 5=0
        vx VRR-c E76D 3=0 4=0 5=0
        vnn VRR-c E76E 3=0 4=0 5=0
        vno VRR-c E76B 3=0 4=0 5=0
        vnx VRR-c E76C 3=0 4=0 5=0
        vnc VRR-c E769 3=0 4=0 5=0
        voc VRR-c E76F 3=0 4=0 5=0
        vbperm VRR-c E785 3=0 4=0 5=0
        vslb VRR-c E775 3=0 4=0 5=0
        vsrlb VRR-c E77D 3=0 4=0 5=0
        vsrab VRR-c E77F 3=0 4=0 5=0
        vsl VRR-c E774 3=0 4=0 5=0
        vsrl VRR-c E77C 3=0 4=0 5=0
        vsra VRR-c E77E 3=0 4=0 5=0
        va VRR-c E7F3
        vs VRR-c E7F7
        vml VRR-c E7A2
        vmlh VRR-c E7A1
        vmh VRR-c E7A3
        vmle VRR-c E7A4
        vme VRR-c E7A6
        vmlo VRR-c E7A5
        vmo VRR-c E7A7
        vdl VRR-c E7B0
        vd VRR-c E7B2
        vrl VRR-c E7B1
        vr VRR-c E7B3
        vmxl VRR-c E7FD
        vmx VRR-c E7FF
        vmnl VRR-c E7FC
        vmn VRR-c E7FE
        vavgl VRR-c E7F0
        vavg VRR-c E7F2
        vpk VRR-c E794
        vpkls VRR-b E795
        vpks VRR-b E797
        vmrl VRR-c E760
        vmrh VRR-c E761
        vlp VRR-a E7DF
        vlc VRR-a E7DE
        vpopct VRR-a E750
        vclz VRR-a E753
        vctz VRR-a E752
        vupll VRR-a E7D4
        vuplh VRR-a E7D5
        vupl VRR-a E7D6
        vuph VRR-a E7D7
        vec VRR-a E7DB
        vecl VRR-a E7D9
        verll VRS-a E733
        vesl VRS-a E730
        vesrl VRS-a E738
        vesra VRS-a E73A
        vceq VRR-b E7F8
        vch VRR-b E7FB
        vchl VRR-b E7F9
        vfa VRR-c E7E3
        vfs VRR-c E7E2
        vfm VRR-c E7E7
        vfd VRR-c E7E5
        vfmax VRR-c E7EF
        vfmin VRR-c E7EE
        vfce VRR-c E7E8
        vfch VRR-c E7EB
        vfche VRR-c E7EA
        vfma VRR-e E78F
        vfms VRR-e E78E
        vfpso VRR-a E7CC
        vcgd VRR-a E7C2
        vclgd VRR-a E7C0
        vcdg VRR-a E7C3
        vcdlg VRR-a E7C1
        vacc VRR-c E7F1
        vscbi VRR-c E7F5
        vfsq VRR-a E7CE
        # Vector floating point with a fixed format (M3: 2 short, 3 long, 4 extended); w forms set M4's
        # single-element bit 8, which their text leaves out
        vldeb VRR-a E7C4 2=2 3=0 4=0
        wldeb VRR-a E7C4 wwuuu 2=2 3=8 4=0
        wflld VRR-a E7C4 wwuuu 2=3 3=8 4=0
        vledb VRR-a E7C5 2=3
        wledb VRR-a E7C5 wwuuu 2=3 3|8
        wflrx VRR-a E7C5 wwuuu 2=4 3|8
        vfisb VRR-a E7C7 2=2
        wfisb VRR-a E7C7 wwuuu 2=2 3|8
        vfidb VRR-a E7C7 2=3
        wfidb VRR-a E7C7 wwuuu 2=3 3|8
        wfixb VRR-a E7C7 wwuuu 2=4 3|8
        vcfeb VRR-a E7C2 2=2
        wcfeb VRR-a E7C2 wwuuu 2=2 3|8
        vcgdb VRR-a E7C2 2=3
        wcgdb VRR-a E7C2 wwuuu 2=3 3|8
        vclfeb VRR-a E7C0 2=2
        wclfeb VRR-a E7C0 wwuuu 2=2 3|8
        vclgdb VRR-a E7C0 2=3
        wclgdb VRR-a E7C0 wwuuu 2=3 3|8
        vcefb VRR-a E7C3 2=2
        wcefb VRR-a E7C3 wwuuu 2=2 3|8
        vcdgb VRR-a E7C3 2=3
        wcdgb VRR-a E7C3 wwuuu 2=3 3|8
        vcelfb VRR-a E7C1 2=2
        wcelfb VRR-a E7C1 wwuuu 2=2 3|8
        vcdlgb VRR-a E7C1 2=3
        wcdlgb VRR-a E7C1 wwuuu 2=3 3|8
        wfcsb VRR-a E7CB wwuuu 2=2 3=0 4=0
        wfcdb VRR-a E7CB wwuuu 2=3 3=0 4=0
        wfcxb VRR-a E7CB wwuuu 2=4 3=0 4=0
        wfksb VRR-a E7CA wwuuu 2=2 3=0 4=0
        wfkdb VRR-a E7CA wwuuu 2=3 3=0 4=0
        wfkxb VRR-a E7CA wwuuu 2=4 3=0 4=0
        """;

    /// <summary>The condition-code masks by the suffix GNU as and Cranelift print: bit 8 is CC0 (equal), 4 CC1 (low),
    /// 2 CC2 (high), 1 CC3 (overflow); 15 is "always" and has the bare name.</summary>
    public static readonly (string Suffix, int Mask)[] Conditions =
    [
        ("o", 1), ("h", 2), ("nle", 3), ("l", 4), ("nhe", 5), ("lh", 6), ("ne", 7),
        ("e", 8), ("nlh", 9), ("he", 10), ("nl", 11), ("le", 12), ("nh", 13), ("no", 14),
    ];

    /// <summary>Extended mnemonics: <c>base name-pattern mask-slot [name-when-15]</c>; a trap's mask has no CC3 bit, so
    /// only its even masks are named.</summary>
    private const string Extended = """
        brc j{0} 0 j
        brcl jg{0} 0 jg
        bcr b{0}r 0 br
        bc b{0} 0 b
        locr locr{0} 2
        locgr locgr{0} 2
        lochi lochi{0} 2
        locghi locghi{0} 2
        loc loc{0} 1
        locg locg{0} 1
        stoc stoc{0} 1
        stocg stocg{0} 1
        crt crt{0} 2 -
        cgrt cgrt{0} 2 -
        clrt clrt{0} 2 -
        clgrt clgrt{0} 2 -
        cit cit{0} 2 -
        cgit cgit{0} 2 -
        clfit clfit{0} 2 -
        clgit clgit{0} 2 -
        """;

    /// <summary>Element-size suffixes and the mask value they stand for: byte to quadword, and the float formats.
    /// <c>hw</c> is GNU's halfword for the few mnemonics where a plain <c>h</c> would read as "high".</summary>
    private static readonly Dictionary<string, int> ElementSizes = new(StringComparer.Ordinal)
    {
        ["b"] = 0, ["h"] = 1, ["hw"] = 1, ["f"] = 2, ["g"] = 3, ["q"] = 4, ["sb"] = 2, ["db"] = 3, ["xb"] = 4,
    };

    /// <summary>Element-size mnemonics: <c>base name-pattern slot:suffixes</c> and what else they fix (or preset, or
    /// a signature), as in the first table.</summary>
    private const string Elements = """
        vlrep vlrep{0} 2:b,h,f,g
        vlbr vlbr{0} 2:h,f,g,q
        vler vler{0} 2:h,f,g
        vstbr vstbr{0} 2:h,f,g,q
        vster vster{0} 2:h,f,g
        vlbrrep vlbrrep{0} 2:h,f,g
        vlvg vlvg{0} 3:b,h,f,g
        vlgv vlgv{0} 3:b,h,f,g
        vrepi vrepi{0} 2:b,h,f,g
        vgm vgm{0} 3:b,h,f,g
        vrep vrep{0} 3:b,h,f,g
        va va{0} 3:b,h,f,g,q 4=0 5=0
        vacc vacc{0} 3:b,h,f,g,q 4=0 5=0
        vscbi vscbi{0} 3:b,h,f,g,q 4=0 5=0
        vs vs{0} 3:b,h,f,g,q 4=0 5=0
        vml vml{0} 3:b,hw,f,g,q 4=0 5=0
        vmlh vmlh{0} 3:b,h,f,g,q 4=0 5=0
        vmh vmh{0} 3:b,h,f,g,q 4=0 5=0
        vmle vmle{0} 3:b,h,f,g 4=0 5=0
        vme vme{0} 3:b,h,f,g 4=0 5=0
        vmlo vmlo{0} 3:b,h,f,g 4=0 5=0
        vmo vmo{0} 3:b,h,f,g 4=0 5=0
        vdl vdl{0} 3:f,g,q 5=0
        vd vd{0} 3:f,g,q 5=0
        vrl vrl{0} 3:f,g,q 5=0
        vr vr{0} 3:f,g,q 5=0
        vmxl vmxl{0} 3:b,h,f,g,q 4=0 5=0
        vmx vmx{0} 3:b,h,f,g,q 4=0 5=0
        vmnl vmnl{0} 3:b,h,f,g,q 4=0 5=0
        vmn vmn{0} 3:b,h,f,g,q 4=0 5=0
        vavgl vavgl{0} 3:b,h,f,g,q 4=0 5=0
        vavg vavg{0} 3:b,h,f,g,q 4=0 5=0
        vpk vpk{0} 3:h,f,g 4=0 5=0
        vpkls vpkls{0} 3:h,f,g 4=0
        vpkls vpkls{0}s 3:h,f,g 4=1
        vpks vpks{0} 3:h,f,g 4=0
        vpks vpks{0}s 3:h,f,g 4=1
        vmrl vmrl{0} 3:b,h,f,g 4=0 5=0
        vmrh vmrh{0} 3:b,h,f,g 4=0 5=0
        vlp vlp{0} 2:b,h,f,g,q 3=0 4=0
        vlc vlc{0} 2:b,h,f,g,q 3=0 4=0
        vpopct vpopct{0} 2:b,h,f,g 3=0 4=0
        vclz vclz{0} 2:b,h,f,g,q 3=0 4=0
        vctz vctz{0} 2:b,h,f,g,q 3=0 4=0
        vupll vupll{0} 2:b,h,f,g 3=0 4=0
        vuplh vuplh{0} 2:b,h,f,g 3=0 4=0
        vupl vupl{0} 2:b,hw,f,g 3=0 4=0
        vuph vuph{0} 2:b,h,f,g 3=0 4=0
        vec vec{0} 2:b,h,f,g,q 3=0 4=0
        vecl vecl{0} 2:b,h,f,g,q 3=0 4=0
        verll verll{0} 3:b,h,f,g
        vesl vesl{0} 3:b,h,f,g
        vesrl vesrl{0} 3:b,h,f,g
        vesra vesra{0} 3:b,h,f,g
        vceq vceq{0} 3:b,h,f,g,q 4=0
        vceq vceq{0}s 3:b,h,f,g,q 4=1
        vch vch{0} 3:b,h,f,g,q 4=0
        vch vch{0}s 3:b,h,f,g,q 4=1
        vchl vchl{0} 3:b,h,f,g,q 4=0
        vchl vchl{0}s 3:b,h,f,g,q 4=1
        vfa vfa{0} 3:sb,db 4=0 5=0
        vfa wfa{0} 3:sb,db,xb 4=8 5=0 wwwuuu
        vfs vfs{0} 3:sb,db 4=0 5=0
        vfs wfs{0} 3:sb,db,xb 4=8 5=0 wwwuuu
        vfm vfm{0} 3:sb,db 4=0 5=0
        vfm wfm{0} 3:sb,db,xb 4=8 5=0 wwwuuu
        vfd vfd{0} 3:sb,db 4=0 5=0
        vfd wfd{0} 3:sb,db,xb 4=8 5=0 wwwuuu
        vfmax vfmax{0} 3:sb,db 4=0
        vfmax wfmax{0} 3:sb,db,xb 4=8 wwwuuu
        vfmin vfmin{0} 3:sb,db 4=0
        vfmin wfmin{0} 3:sb,db,xb 4=8 wwwuuu
        vfce vfce{0} 3:sb,db 4=0 5=0
        vfce vfce{0}s 3:sb,db 4=0 5=1
        vfce wfce{0} 3:sb,db,xb 4=8 5=0 wwwuuu
        vfch vfch{0} 3:sb,db 4=0 5=0
        vfch vfch{0}s 3:sb,db 4=0 5=1
        vfch wfch{0} 3:sb,db,xb 4=8 5=0 wwwuuu
        vfche vfche{0} 3:sb,db 4=0 5=0
        vfche vfche{0}s 3:sb,db 4=0 5=1
        vfche wfche{0} 3:sb,db,xb 4=8 5=0 wwwuuu
        vfma vfma{0} 5:sb,db 4=0
        vfma wfma{0} 5:sb,db,xb 4=8 wwwwuu
        vfms vfms{0} 5:sb,db 4=0
        vfms wfms{0} 5:sb,db,xb 4=8 wwwwuu
        vfpso vflp{0} 2:sb,db 3=0 4=2
        vfpso wflp{0} 2:sb,db,xb 3=8 4=2 wwuuu
        vfpso vflc{0} 2:sb,db 3=0 4=0
        vfpso wflc{0} 2:sb,db,xb 3=8 4=0 wwuuu
        vfpso vfln{0} 2:sb,db 3=0 4=1
        vfpso wfln{0} 2:sb,db,xb 3=8 4=1 wwuuu
        vfsq vfsq{0} 2:sb,db 3=0 4=0
        vfsq wfsq{0} 2:sb,db,xb 3=8 4=0 wwuuu
        """;
}
